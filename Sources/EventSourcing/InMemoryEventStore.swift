import Foundation
import Synchronization

/// An event store in memory: for tests, exercises and demos. Same contract as the SQLite store.
///
/// ```swift
/// let store = InMemoryEventStore()
/// try store.append(to: "guest_stay-1", expected: .noStream, events: [event])
/// ```
public final class InMemoryEventStore: EventStore {
    /// A stream id as a dictionary key: its exact UTF-8 bytes, since `String`'s own equality
    /// would merge canonically equivalent spellings (`StreamIDRules`).
    private struct StreamKey: Hashable {
        let utf8: [UInt8]
        init(_ streamID: String) { utf8 = Array(streamID.utf8) }
    }

    private struct State {
        var log: [RecordedEvent] = []
        var streams: [StreamKey: [Int]] = [:]  // stream -> indexes into `log`
        var eventIndexes: [UUID: Int] = [:]  // event id -> index into `log`, store-wide
        var outbox: [PendingMessage] = []
        var outboxByID: [String: Int] = [:]  // message id -> index into `outbox`
        var delivered: Set<Int64> = []
    }

    private let state = Mutex(State())
    private let clock: @Sendable () -> Date

    /// - Parameter clock: the time stamped on recorded events; inject a fixed one for
    ///   deterministic traces.
    public init(clock: @escaping @Sendable () -> Date = { Date() }) {
        self.clock = clock
    }

    @discardableResult
    public func append(to streamID: String, expected: ExpectedVersion, events: [EventData], outbox: [OutboxMessage]) throws -> AppendResult {
        let outbox = try AppendRules.check(streamID: streamID, events: events, outbox: outbox)
        let now = clock()
        let key = StreamKey(streamID)
        return try state.withLock { state in
            let indexes = state.streams[key] ?? []
            let existing = indexes.map { state.log[$0] }
            let elsewhere = events.filter { event in
                state.eventIndexes[event.eventID].map { !StreamIDRules.sameStream(state.log[$0].streamID, streamID) } ?? false
            }
            guard elsewhere.isEmpty else {
                throw DuplicateEventIDs(streamID: streamID, eventIDs: elsewhere.map(\.eventID))
            }
            if let repeated = try Self.repeatedAppend(of: events, in: existing, streamID: streamID) {
                return repeated
            }
            let current: StreamState = existing.last.map { .exists(version: $0.streamVersion) } ?? .noStream
            guard expected.isSatisfied(by: current) else {
                throw WrongExpectedVersion(streamID: streamID, expected: expected, actual: current)
            }
            // Check every message before writing anything: a conflict must leave no trace.
            var newMessages: [OutboxMessage] = []
            for message in outbox {
                if let index = state.outboxByID[message.messageID] {
                    guard state.outbox[index].message == message else {
                        throw ConflictingOutboxMessage(messageID: message.messageID)
                    }
                } else {
                    newMessages.append(message)
                }
            }
            var positions: [Int64] = []
            for (offset, event) in events.enumerated() {
                let position = (state.log.last?.position ?? 0) + 1
                state.log.append(RecordedEvent(
                    eventID: event.eventID, streamID: streamID, streamVersion: current.version + Int64(offset) + 1,
                    position: position, recordedAt: now, eventType: event.eventType,
                    schemaVersion: event.schemaVersion, data: event.data, metadata: event.metadata))
                state.streams[key, default: []].append(state.log.count - 1)
                state.eventIndexes[event.eventID] = state.log.count - 1
                positions.append(position)
            }
            for message in newMessages {
                let sequence = (state.outbox.last?.sequence ?? 0) + 1
                state.outboxByID[message.messageID] = state.outbox.count
                state.outbox.append(PendingMessage(sequence: sequence, message: message, attempts: 0))
            }
            return AppendResult(nextExpectedVersion: current.version + Int64(events.count), positions: positions)
        }
    }

    /// When every id of `events` is already in the stream, in order, this append is a retry of
    /// an earlier one: answer with that append's result. Some but not all: refuse.
    package static func repeatedAppend(of events: [EventData], in existing: [RecordedEvent], streamID: String) throws -> AppendResult? {
        guard !events.isEmpty else { return nil }
        let wanted = Set(events.map(\.eventID))
        let matches = existing.filter { wanted.contains($0.eventID) }
        if matches.isEmpty { return nil }
        guard matches.map(\.eventID) == events.map(\.eventID),
              let last = matches.last,
              zip(matches, matches.dropFirst()).allSatisfy({ $0.streamVersion + 1 == $1.streamVersion })
        else {
            throw DuplicateEventIDs(streamID: streamID, eventIDs: matches.map(\.eventID))
        }
        return AppendResult(nextExpectedVersion: last.streamVersion, positions: matches.map(\.position))
    }

    public func readStream(_ streamID: String, from version: Int64?, direction: ReadDirection, limit: Int) throws -> [RecordedEvent] {
        try StreamIDRules.validate(streamID)
        try InvalidReadLimit.check(limit)
        return state.withLock { state in
            let events = (state.streams[StreamKey(streamID)] ?? []).map { state.log[$0] }
            switch direction {
            case .forward:
                let start = version ?? 1
                return Array(events.lazy.filter { $0.streamVersion >= start }.prefix(limit))
            case .backward:
                let start = version ?? Int64.max
                return Array(events.reversed().lazy.filter { $0.streamVersion <= start }.prefix(limit))
            }
        }
    }

    public func readAll(after position: Int64, limit: Int) throws -> [RecordedEvent] {
        try InvalidReadLimit.check(limit)
        return state.withLock { state in
            // The log is sorted by position: binary search for the first event after `position`.
            var low = 0, high = state.log.count
            while low < high {
                let mid = (low + high) / 2
                if state.log[mid].position <= position { low = mid + 1 } else { high = mid }
            }
            return Array(state.log[low...].prefix(limit))
        }
    }

    public func streamState(_ streamID: String) throws -> StreamState {
        try StreamIDRules.validate(streamID)
        return state.withLock { state in
            guard let last = state.streams[StreamKey(streamID)]?.last else { return .noStream }
            return .exists(version: state.log[last].streamVersion)
        }
    }

    public func headPosition() throws -> Int64 {
        state.withLock { $0.log.last?.position ?? 0 }
    }

    public func pendingOutbox(limit: Int) throws -> [PendingMessage] {
        try InvalidReadLimit.check(limit)
        return state.withLock { state in
            let delivered = state.delivered
            return Array(state.outbox.lazy.filter { !delivered.contains($0.sequence) }.prefix(limit))
        }
    }

    public func markDelivered(sequences: [Int64]) throws {
        state.withLock { $0.delivered.formUnion(sequences) }
    }

    public func recordFailedDelivery(sequences: [Int64]) throws {
        state.withLock { state in
            let failed = Set(sequences).subtracting(state.delivered)
            state.outbox = state.outbox.map { pending in
                failed.contains(pending.sequence)
                    ? PendingMessage(sequence: pending.sequence, message: pending.message, attempts: pending.attempts + 1)
                    : pending
            }
        }
    }
}
