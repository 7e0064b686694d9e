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

/// A stream id that breaks `StreamIDRules`: nothing was read or written.
public struct InvalidStreamID: Error, Sendable, Hashable, CustomStringConvertible {
    /// Which rule the id breaks.
    public enum Rule: Sendable, Hashable {
        case empty
        case containsNUL
        case tooLong(utf8Length: Int, maximum: Int)
    }

    public let streamID: String
    public let rule: Rule

    public init(streamID: String, rule: Rule) {
        self.streamID = streamID
        self.rule = rule
    }

    public var description: String {
        // NUL and other control characters would garble a terminal: show them escaped.
        let shown = String(streamID.unicodeScalars.prefix(60).map { scalar in
            scalar.properties.generalCategory == .control ? scalar.escaped(asASCII: true) : String(scalar)
        }.joined()) + (streamID.unicodeScalars.count > 60 ? "…" : "")
        return switch rule {
        case .empty:
            "The stream id is empty; nothing was read or written. Name the stream, for example 'guest_stay-42'."
        case .containsNUL:
            "The stream id '\(shown)' contains a NUL character, which stores would cut the id at; nothing was read or written. Remove the NUL from the id."
        case .tooLong(let length, let maximum):
            "The stream id '\(shown)' is \(length) bytes long in UTF-8, more than the \(maximum) a stream id may have; nothing was read or written. Use a shorter id (a UUID or a hash of a long key)."
        }
    }
}

/// One append listed the same event id twice: nothing was written.
public struct EventIDRepeatedInAppend: Error, Sendable, Hashable, CustomStringConvertible {
    public let streamID: String
    public let eventID: UUID

    public init(streamID: String, eventID: UUID) {
        self.streamID = streamID
        self.eventID = eventID
    }

    public var description: String {
        "The append to stream '\(streamID)' lists event id \(eventID.uuidString) more than once; nothing was written. Give every event its own id."
    }
}

/// An outbox message id already queued for a different message: nothing was written.
///
/// The same id with the same destination, type, payload and headers is the same message queued
/// again (a retry), and is kept once; a different message under that id is a bug.
public struct ConflictingOutboxMessage: Error, Sendable, Hashable, CustomStringConvertible {
    public let messageID: String

    public init(messageID: String) {
        self.messageID = messageID
    }

    public var description: String {
        "Outbox message id '\(messageID)' is already queued for a different message (destination, type, payload or headers differ); nothing was written. Give each distinct message its own id; reuse an id only to queue the very same message again."
    }
}

/// A read asked for a negative number of events or messages: nothing was read.
public struct InvalidReadLimit: Error, Sendable, Hashable, CustomStringConvertible {
    public let limit: Int

    public init(limit: Int) {
        self.limit = limit
    }

    /// Throws when `limit` is negative.
    public static func check(_ limit: Int) throws(InvalidReadLimit) {
        if limit < 0 { throw InvalidReadLimit(limit: limit) }
    }

    public var description: String {
        "A read limit of \(limit) is negative; nothing was read. Ask for 0 or more (Int.max for everything)."
    }
}
