import Foundation

/// The result of a successful append.
public struct AppendResult: Sendable, Hashable {
    /// The stream's version after the append: expect this next time.
    public let nextExpectedVersion: Int64
    /// The global positions of the appended events, in order.
    public let positions: [Int64]

    public init(nextExpectedVersion: Int64, positions: [Int64]) {
        self.nextExpectedVersion = nextExpectedVersion
        self.positions = positions
    }
}

/// Which way to read a stream.
public enum ReadDirection: Sendable, Hashable {
    case forward
    case backward
}

/// A message to hand to another system, stored in the same transaction as the events that
/// caused it (the transactional outbox), so the two can never disagree.
public struct OutboxMessage: Sendable, Hashable {
    public var messageID: String
    public var destination: String
    public var messageType: String
    public var payload: Data
    public var headers: [String: String]

    public init(messageID: String, destination: String, messageType: String, payload: Data, headers: [String: String] = [:]) {
        self.messageID = messageID
        self.destination = destination
        self.messageType = messageType
        self.payload = payload
        self.headers = headers
    }
}

/// An outbox message waiting for the relay, with its place in the outbox.
public struct PendingMessage: Sendable, Hashable {
    public let sequence: Int64
    public let message: OutboxMessage
    /// Failed deliveries recorded so far (`recordFailedDelivery`): a relay backs off on it, and
    /// parks a message that keeps failing instead of blocking the ones behind it.
    public let attempts: Int

    public init(sequence: Int64, message: OutboxMessage, attempts: Int) {
        self.sequence = sequence
        self.message = message
        self.attempts = attempts
    }
}

/// An append-only store of event streams with a global log.
///
/// Every store passes `EventStoreContract` (in EventSourcingTesting): the same expectations for
/// the in-memory store used in tests and the SQLite store used in production.
public protocol EventStore: Sendable {
    /// Appends `events` to `streamID` if the stream satisfies `expected`, together with
    /// `outbox` messages, atomically.
    ///
    /// An append with no events still checks `expected` and, when it holds, queues its `outbox`
    /// messages: a conditional send ("remind the guest, unless the stay moved on"). An outbox
    /// message whose id is already queued is kept once when it is the same message, and refused
    /// when it is a different one.
    ///
    /// - Throws: `WrongExpectedVersion` when the stream is not as expected; `DuplicateEventIDs`
    ///   when some, but not all, event ids were appended before (or are stored in another
    ///   stream); `EventIDRepeatedInAppend` when `events` lists an id twice; `InvalidStreamID`
    ///   for an id that breaks `StreamIDRules`; `ConflictingOutboxMessage` for a message id
    ///   already used by a different message. Nothing is written when anything is thrown.
    @discardableResult
    func append(to streamID: String, expected: ExpectedVersion, events: [EventData], outbox: [OutboxMessage]) throws -> AppendResult

    /// Up to `limit` events of one stream, from `version` (inclusive) in `direction`.
    /// `version` nil means the start (forward) or the end (backward).
    ///
    /// - Throws: `InvalidStreamID`, or `InvalidReadLimit` for a negative `limit`.
    func readStream(_ streamID: String, from version: Int64?, direction: ReadDirection, limit: Int) throws -> [RecordedEvent]

    /// Up to `limit` events of the global log with a position greater than `position`, in
    /// position order. Positions may have gaps; readers continue after the last one they saw.
    /// A negative `limit` throws `InvalidReadLimit`.
    func readAll(after position: Int64, limit: Int) throws -> [RecordedEvent]

    /// Whether the stream exists, and its version. Throws `InvalidStreamID`.
    func streamState(_ streamID: String) throws -> StreamState

    /// The highest global position written so far (0 when the log is empty).
    func headPosition() throws -> Int64

    /// Outbox messages not yet marked as delivered, oldest first. A negative `limit` throws
    /// `InvalidReadLimit`.
    func pendingOutbox(limit: Int) throws -> [PendingMessage]

    /// Marks outbox messages as delivered so the relay does not send them again.
    func markDelivered(sequences: [Int64]) throws

    /// Counts a failed delivery of each of these pending messages (their `attempts` grow by
    /// one); they stay pending. Delivered or unknown sequences are left alone.
    func recordFailedDelivery(sequences: [Int64]) throws

    /// The global log after `position`, caught up and then followed live, until the consuming
    /// task is cancelled. A default that polls is in `EventStore+Subscribe.swift`.
    func subscribe(after position: Int64) -> EventSubscription
}

extension EventStore {
    /// Appends events without outbox messages.
    @discardableResult
    public func append(to streamID: String, expected: ExpectedVersion = .any, events: [EventData]) throws -> AppendResult {
        try append(to: streamID, expected: expected, events: events, outbox: [])
    }

    /// Every event of a stream, oldest first.
    public func readStream(_ streamID: String) throws -> [RecordedEvent] {
        try readStream(streamID, from: nil, direction: .forward, limit: Int.max)
    }
}
