import EventSourcing
import Foundation

/// Every progress fact is recorded with an outbox message in the same transaction, whether or
/// not this copy is in a class: a class joined later gets them too, and a relay that was
/// offline sends what piled up. The message is the fact itself (its id, type and JSON), never
/// code or file contents.
public enum ProgressOutbox {
    /// The outbox destination of progress facts.
    public static let destination = "class"

    static func message(for event: EventData, stream: String, at: Date = Date()) -> OutboxMessage {
        OutboxMessage(
            messageID: event.eventID.uuidString, destination: destination, messageType: event.eventType, payload: event.data,
            headers: ["stream": stream, "at": String(at.timeIntervalSince1970)])
    }

    /// When the fact happened, from its message (now when the header is missing).
    public static func time(of message: OutboxMessage) -> Date {
        message.headers["at"].flatMap(Double.init).map { Date(timeIntervalSince1970: $0) } ?? Date()
    }
}
