import Foundation

/// Someone else appended to the stream since it was read: reload, decide again, retry.
///
/// The message names the stream, the expected and the actual version, so a log line alone
/// tells what happened.
public struct WrongExpectedVersion: Error, Sendable, Hashable, CustomStringConvertible {
    public let streamID: String
    public let expected: ExpectedVersion
    public let actual: StreamState

    public init(streamID: String, expected: ExpectedVersion, actual: StreamState) {
        self.streamID = streamID
        self.expected = expected
        self.actual = actual
    }

    public var description: String {
        "Concurrency conflict on stream '\(streamID)': expected \(expected), but the stream is at \(actual)."
    }
}

/// A stored event the store could not read or a reader could not decode.
///
/// It names the global position and the stream, so an operator can find the row; readers can
/// resume after `position`.
public struct UnreadableEvent: Error, Sendable, Hashable, CustomStringConvertible {
    public let position: Int64
    public let streamID: String
    public let eventType: String
    public let schemaVersion: Int
    public let reason: String

    public init(position: Int64, streamID: String, eventType: String, schemaVersion: Int, reason: String) {
        self.position = position
        self.streamID = streamID
        self.eventType = eventType
        self.schemaVersion = schemaVersion
        self.reason = reason
    }

    public var description: String {
        "Cannot read the event at position \(position) in stream '\(streamID)' (\(eventType) v\(schemaVersion)): \(reason)"
    }
}

/// An append reused some event ids of an earlier append but not all of them, so it is neither
/// a retry of that append nor a new one.
public struct DuplicateEventIDs: Error, Sendable, Hashable, CustomStringConvertible {
    public let streamID: String
    public let eventIDs: [UUID]

    public init(streamID: String, eventIDs: [UUID]) {
        self.streamID = streamID
        self.eventIDs = eventIDs
    }

    public var description: String {
        let ids = eventIDs.map(\.uuidString).joined(separator: ", ")
        return "Append to stream '\(streamID)' repeats event ids of an earlier append but is not the same append: \(ids)"
    }
}
