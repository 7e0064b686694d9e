import EventSourcing
import Foundation

/// One message of a flow, command or event, as the tracing log keeps it: enough to draw the
/// causation tree of any flow and to find every message of it by correlation id.
public struct Message: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case command, event
    }

    public var id: String
    public var kind: Kind
    public var name: String
    /// Shared by every message of one flow.
    public var correlationID: String
    /// The message that directly caused this one; nil only for the flow's first message.
    public var causationID: String?

    public init(id: String, kind: Kind, name: String, correlationID: String, causationID: String?) {
        self.id = id
        self.kind = kind
        self.name = name
        self.correlationID = correlationID
        self.causationID = causationID
    }

    /// A command that starts a new flow: it is its own correlation.
    public static func startingCommand(_ name: String, id: String) -> Message {
        Message(id: id, kind: .command, name: name, correlationID: id, causationID: nil)
    }

    /// The metadata of events a command produces: its flow, caused by it.
    public var eventMetadata: EventMetadata {
        EventMetadata(correlationID: correlationID, causationID: id)
    }

    /// A stored event as a message.
    public init(_ recorded: RecordedEvent) {
        self.init(id: recorded.eventID.uuidString, kind: .event, name: recorded.eventType,
                  correlationID: recorded.metadata.correlationID ?? "", causationID: recorded.metadata.causationID)
    }
}
