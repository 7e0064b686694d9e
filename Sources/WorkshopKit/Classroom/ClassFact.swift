import EventSourcing
import Foundation

/// One attendee's progress fact as the class log holds it: who, what, when, and where in the log.
///
/// The class log has one stream per attendee and exercise, `{name}/exercise-{id}`: the server
/// lets an attendee append only to streams that start with their own name and a slash, and a
/// name cannot contain a slash.
public struct ClassFact: Sendable, Hashable {
    public var attendee: String
    public var event: ProgressEvent
    /// When it happened on the attendee's machine (not when it was relayed).
    public var at: Date
    public var position: Int64

    public init(attendee: String, event: ProgressEvent, at: Date, position: Int64) {
        self.attendee = attendee
        self.event = event
        self.at = at
        self.position = position
    }

    /// The class stream of an attendee's exercise.
    public static func streamID(attendee: String, exercise: String) -> String {
        "\(attendee)/\(ProgressEvent.streamID(exercise: exercise))"
    }

    /// The fact a recorded class event is, or nil for an event that is not a progress fact
    /// (a newer app's event type, or a stream outside the naming rule): the board skips it.
    public init?(_ recorded: RecordedEvent) {
        guard let slash = recorded.streamID.firstIndex(of: "/"),
              ProgressEvent.codec.eventTypes.contains(recorded.eventType),
              let envelope = try? ProgressEvent.codec.decode(recorded)
        else { return nil }
        self.init(attendee: String(recorded.streamID[..<slash]), event: envelope.event, at: recorded.recordedAt, position: recorded.position)
    }
}

/// What an attendee may be called in a class: what the server checks too (see `ClassSchema`).
public enum AttendeeName {
    public static let maximumLength = 40

    /// Nil when `name` is acceptable, else a sentence saying why not.
    public static func problem(with name: String) -> String? {
        if name.isEmpty { return "A name cannot be empty." }
        if name.count > maximumLength { return "A name has at most \(maximumLength) characters." }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: " ._-"))
        if name.unicodeScalars.contains(where: { !allowed.contains($0) }) || name.first == " " || name.last == " " {
            return "A name is made of letters, digits, spaces, '.', '_' and '-' (no slash, no leading or trailing space)."
        }
        return nil
    }
}
