import EventSourcing
import Foundation

/// The expectations every `EventStore` must meet, as a table of cases any test framework (or a
/// plain executable) can run.
///
/// ```swift
/// @Test(arguments: EventStoreContract.cases)
/// func keepsTheContract(_ contractCase: ContractCase) throws {
///     try contractCase.run { InMemoryEventStore() }
/// }
/// ```
///
/// Each case gets a fresh, empty store from `makeStore`. Modelled on emmett's
/// `emmett-tests` event store features: the same suite for the in-memory store and the SQLite
/// store, and for any store added later.
public enum EventStoreContract {
    public static let cases: [ContractCase] =
        reading + readingTheLog + expectedVersionMatrix + emptyAppends + idempotency + outbox
        + streamIDs + readLimits + repeatedIDs + outboxMessageIDs
}

/// One expectation of the contract.
public struct ContractCase: Sendable, CustomStringConvertible {
    /// What the store must do, as a sentence.
    public let name: String
    private let body: @Sendable (any EventStore) throws -> Void

    public init(_ name: String, _ body: @escaping @Sendable (any EventStore) throws -> Void) {
        self.name = name
        self.body = body
    }

    /// Runs the case on a fresh store.
    ///
    /// - Throws: `ContractViolation` when the store breaks the contract, or whatever the store
    ///   threw that the case did not expect.
    public func run(_ makeStore: () throws -> any EventStore) throws {
        try body(try makeStore())
    }

    public var description: String { name }
}

/// A store broke the contract: what was checked, what was expected and what happened.
public struct ContractViolation: Error, Sendable, CustomStringConvertible {
    public let check: String
    public let expected: String
    public let actual: String

    public init(_ check: String, expected: String, actual: String) {
        self.check = check
        self.expected = expected
        self.actual = actual
    }

    public var description: String {
        "\(check): expected \(expected), got \(actual)."
    }
}

// MARK: - Checks

private func expectEqual<T: Equatable>(_ actual: T, _ expected: T, _ check: String) throws {
    guard actual == expected else {
        throw ContractViolation(check, expected: "\(expected)", actual: "\(actual)")
    }
}

private func expectThrows<E: Error>(_ errorType: E.Type, _ check: String, _ body: () throws -> Any) throws -> E {
    let outcome: Any
    do {
        outcome = try body()
    } catch let error as E {
        return error
    } catch {
        throw ContractViolation(check, expected: "\(E.self)", actual: "\(type(of: error)): \(error)")
    }
    throw ContractViolation(check, expected: "\(E.self)", actual: "success (\(outcome))")
}

/// Nothing was written: the stream and the global log are as they were.
private func expectUnchanged(_ store: any EventStore, _ streamID: String, since before: (head: Int64, stream: StreamState), _ check: String) throws {
    try expectEqual(try store.headPosition(), before.head, "\(check): head position")
    try expectEqual(try store.streamState(streamID), before.stream, "\(check): stream state")
}

private func snapshot(_ store: any EventStore, _ streamID: String) throws -> (head: Int64, stream: StreamState) {
    (try store.headPosition(), try store.streamState(streamID))
}

// MARK: - Fixtures

/// Events with recognisable, distinct payloads: `type` plus a running number.
private func events(_ count: Int, type: String = "RoomBooked", tag: String = "e") -> [EventData] {
    (1...max(1, count)).prefix(count).map { index in
        EventData(eventType: type, schemaVersion: 1, data: Data(#"{"n":\#(index),"tag":"\#(tag)"}"#.utf8),
                  metadata: EventMetadata(correlationID: "flow-\(tag)", causationID: "cmd-\(tag)-\(index)"))
    }
}

private func message(_ id: String, destination: String = "housekeeping") -> OutboxMessage {
    OutboxMessage(messageID: id, destination: destination, messageType: "StayCompleted",
                  payload: Data(#"{"id":"\#(id)"}"#.utf8), headers: ["trace": id])
}

/// The fields a store must keep exactly as appended.
private func expectStored(_ recorded: RecordedEvent, _ appended: EventData, _ check: String) throws {
    try expectEqual(recorded.eventID, appended.eventID, "\(check): event id")
    try expectEqual(recorded.eventType, appended.eventType, "\(check): event type")
    try expectEqual(recorded.schemaVersion, appended.schemaVersion, "\(check): schema version")
    try expectEqual(recorded.data, appended.data, "\(check): data")
    try expectEqual(recorded.metadata, appended.metadata, "\(check): metadata")
}

private func versions(_ events: [RecordedEvent]) -> [Int64] { events.map(\.streamVersion) }

// MARK: - Reading streams

private let reading: [ContractCase] = [
    ContractCase("an empty store has no events, no streams and head position 0") { store in
        try expectEqual(try store.readAll(after: 0, limit: 100), [], "readAll on an empty store")
        try expectEqual(try store.headPosition(), 0, "head position of an empty store")
        try expectEqual(try store.streamState("guest_stay-1"), .noStream, "state of a stream never written")
        try expectEqual(try store.readStream("guest_stay-1"), [], "reading a stream never written")
        try expectEqual(try store.pendingOutbox(limit: 10), [], "outbox of an empty store")
    },
    ContractCase("appended events read back in order with versions from 1 and every field kept") { store in
        let appended = events(3)
        let result = try store.append(to: "guest_stay-1", expected: .noStream, events: appended)
        try expectEqual(result.nextExpectedVersion, 3, "next expected version after 3 events")
        let read = try store.readStream("guest_stay-1")
        try expectEqual(versions(read), [1, 2, 3], "stream versions")
        try expectEqual(read.map(\.position), result.positions, "positions returned by append vs read back")
        try expectEqual(read.map(\.streamID), Array(repeating: "guest_stay-1", count: 3), "stream ids")
        for (recorded, event) in zip(read, appended) { try expectStored(recorded, event, "event \(recorded.streamVersion)") }
        try expectEqual(result.positions, result.positions.sorted(), "positions increase within an append")
        try expectEqual(Set(result.positions).count, 3, "positions are distinct")
    },
    ContractCase("metadata, headers and payload bytes survive any characters") { store in
        let headers = ["user": "Zoë \"the\" admin", "path": "C:\\temp\nnext\tline", "emoji": "🏨", "empty": "", "ctl": "\u{1}"]
        let payload = Data([0, 1, 2, 0xFF, 0xFE]) + Data("{\"x\": \"é\"}".utf8)
        let event = EventData(eventType: "Odd Type/ü", schemaVersion: 7, data: payload,
                              metadata: EventMetadata(correlationID: "c \"1\"", causationID: nil, headers: headers))
        let plain = EventData(eventType: "Plain", data: Data("{}".utf8))
        try store.append(to: "stay 'ü' ✓", expected: .any, events: [event, plain])
        let read = try store.readStream("stay 'ü' ✓")
        try expectEqual(read.count, 2, "events read from a stream with an unusual id")
        try expectStored(read[0], event, "event with unusual metadata")
        try expectStored(read[1], plain, "event with empty metadata")
    },
    ContractCase("a stream reads forward from a version with a limit") { store in
        try store.append(to: "s", expected: .noStream, events: events(5))
        try expectEqual(versions(try store.readStream("s", from: 2, direction: .forward, limit: 2)), [2, 3], "forward from 2, limit 2")
        try expectEqual(versions(try store.readStream("s", from: 4, direction: .forward, limit: 10)), [4, 5], "forward from 4, limit 10")
        try expectEqual(versions(try store.readStream("s", from: nil, direction: .forward, limit: 1)), [1], "forward from the start, limit 1")
        try expectEqual(versions(try store.readStream("s", from: 6, direction: .forward, limit: 10)), [], "forward from beyond the end")
        try expectEqual(versions(try store.readStream("s", from: 1, direction: .forward, limit: 0)), [], "limit 0")
    },
    ContractCase("a stream reads backward from a version with a limit") { store in
        try store.append(to: "s", expected: .noStream, events: events(5))
        try expectEqual(versions(try store.readStream("s", from: nil, direction: .backward, limit: 2)), [5, 4], "backward from the end, limit 2")
        try expectEqual(versions(try store.readStream("s", from: 3, direction: .backward, limit: 10)), [3, 2, 1], "backward from 3")
        try expectEqual(versions(try store.readStream("s", from: 100, direction: .backward, limit: 2)), [5, 4], "backward from beyond the end")
        try expectEqual(versions(try store.readStream("s", from: 0, direction: .backward, limit: 10)), [], "backward from 0")
    },
    ContractCase("streams are independent: appending to one changes no other") { store in
        try store.append(to: "a", expected: .noStream, events: events(2, tag: "a"))
        try store.append(to: "b", expected: .noStream, events: events(1, tag: "b"))
        try store.append(to: "a", expected: .exact(2), events: events(1, tag: "a2"))
        try expectEqual(try store.streamState("a"), .exists(version: 3), "state of a")
        try expectEqual(try store.streamState("b"), .exists(version: 1), "state of b")
        try expectEqual(try store.streamState("ab"), .noStream, "state of a stream whose id shares a prefix")
        try expectEqual(versions(try store.readStream("b")), [1], "versions of b")
    },
]

// MARK: - The global log

private let readingTheLog: [ContractCase] = [
    ContractCase("the global log lists every event in commit order, after a position, with a limit") { store in
        let first = try store.append(to: "a", expected: .noStream, events: events(2, tag: "a"))
        let second = try store.append(to: "b", expected: .noStream, events: events(1, tag: "b"))
        let third = try store.append(to: "a", expected: .exact(2), events: events(2, tag: "a2"))
        let all = try store.readAll(after: 0, limit: 100)
        let committed = first.positions + second.positions + third.positions
        try expectEqual(committed.count, 5, "positions returned by the appends")
        try expectEqual(all.map(\.position), committed, "positions of the whole log")
        try expectEqual(all.map { "\($0.streamID)@\($0.streamVersion)" }, ["a@1", "a@2", "b@1", "a@3", "a@4"], "commit order")
        try expectEqual(committed, committed.sorted(), "positions increase in commit order")
        try expectEqual(try store.readAll(after: committed[1], limit: 2).map(\.position), [committed[2], committed[3]],
                        "after the second event, limit 2")
        try expectEqual(try store.readAll(after: committed[4], limit: 10), [], "after the last event")
        try expectEqual(try store.readAll(after: 0, limit: 0), [], "limit 0")
        try expectEqual(try store.headPosition(), committed[4], "head position is the last event's")
        // Reading page by page reaches every event exactly once.
        var paged: [Int64] = []
        var after: Int64 = 0
        while true {
            let page = try store.readAll(after: after, limit: 2)
            guard let last = page.last else { break }
            paged += page.map(\.position)
            after = last.position
        }
        try expectEqual(paged, committed, "the log read in pages of 2")
    },
    ContractCase("stream state tells whether a stream exists and its version") { store in
        try expectEqual(try store.streamState("s"), .noStream, "before the first append")
        try store.append(to: "s", expected: .noStream, events: events(2))
        try expectEqual(try store.streamState("s"), .exists(version: 2), "after two events")
        try store.append(to: "s", expected: .exact(2), events: events(3))
        try expectEqual(try store.streamState("s"), .exists(version: 5), "after five events")
    },
]

// MARK: - Expected version × stream state

/// One row of the matrix: an expectation against a stream that is absent or holds 2 events.
private func matrixCase(_ expected: ExpectedVersion, present: Bool, succeeds: Bool) -> ContractCase {
    let state = present ? "a stream at version 2" : "an absent stream"
    let outcome = succeeds ? "appends" : "is a conflict naming the stream, expected and actual version, and writes nothing"
    return ContractCase("expected \(expected) on \(state) \(outcome)") { store in
        let stream = "guest_stay-m"
        if present { try store.append(to: stream, expected: .noStream, events: events(2, tag: "before")) }
        let actual: StreamState = present ? .exists(version: 2) : .noStream
        let before = try snapshot(store, stream)
        let appended = events(1, tag: "new")
        let outbox = [message("m-\(expected)")]
        if succeeds {
            let result = try store.append(to: stream, expected: expected, events: appended, outbox: outbox)
            try expectEqual(result.nextExpectedVersion, actual.version + 1, "next expected version")
            try expectEqual(try store.streamState(stream), .exists(version: actual.version + 1), "stream state after the append")
            try expectEqual(try store.readStream(stream).last?.eventID, appended[0].eventID, "the appended event is last")
            try expectEqual(try store.pendingOutbox(limit: 10).map(\.message), outbox, "outbox written with the append")
        } else {
            let conflict = try expectThrows(WrongExpectedVersion.self, "appending with expected \(expected) to \(state)") {
                try store.append(to: stream, expected: expected, events: appended, outbox: outbox)
            }
            try expectEqual(conflict.streamID, stream, "the conflict names the stream")
            try expectEqual(conflict.expected, expected, "the conflict names the expected version")
            try expectEqual(conflict.actual, actual, "the conflict names the actual version")
            try expectUnchanged(store, stream, since: before, "after the conflict")
            try expectEqual(try store.pendingOutbox(limit: 10), [], "no outbox message after a conflict")
        }
    }
}

private let expectedVersionMatrix: [ContractCase] = [
    matrixCase(.any, present: false, succeeds: true),
    matrixCase(.any, present: true, succeeds: true),
    matrixCase(.noStream, present: false, succeeds: true),
    matrixCase(.noStream, present: true, succeeds: false),
    matrixCase(.streamExists, present: false, succeeds: false),
    matrixCase(.streamExists, present: true, succeeds: true),
    matrixCase(.exact(2), present: true, succeeds: true),
    matrixCase(.exact(1), present: true, succeeds: false),
    matrixCase(.exact(3), present: true, succeeds: false),
    // Versions start at 1: an absent stream is expected with `.noStream`, never `.exact`.
    matrixCase(.exact(1), present: false, succeeds: false),
    matrixCase(.exact(0), present: false, succeeds: false),
]

// MARK: - Empty appends

private let emptyAppends: [ContractCase] = [
    ContractCase("an empty append writes nothing and reports the stream's version") { store in
        let onAbsent = try store.append(to: "s", expected: .any, events: [])
        try expectEqual(onAbsent, AppendResult(nextExpectedVersion: 0, positions: []), "empty append to an absent stream")
        try expectEqual(try store.streamState("s"), .noStream, "an empty append does not create the stream")
        try store.append(to: "s", expected: .noStream, events: events(2))
        let before = try snapshot(store, "s")
        let onPresent = try store.append(to: "s", expected: .exact(2), events: [])
        try expectEqual(onPresent, AppendResult(nextExpectedVersion: 2, positions: []), "empty append to a stream at 2")
        try expectUnchanged(store, "s", since: before, "after empty appends")
    },
    ContractCase("an empty append still checks the expected version") { store in
        try store.append(to: "s", expected: .noStream, events: events(2))
        let conflict = try expectThrows(WrongExpectedVersion.self, "empty append expecting no stream") {
            try store.append(to: "s", expected: .noStream, events: [])
        }
        try expectEqual(conflict.actual, .exists(version: 2), "the conflict names the actual version")
    },
]

// MARK: - Idempotency

private let idempotency: [ContractCase] = [
    ContractCase("appending the same event ids again returns the first result and writes nothing") { store in
        let appended = events(3)
        let outbox = [message("once")]
        let first = try store.append(to: "s", expected: .noStream, events: appended, outbox: outbox)
        let before = try snapshot(store, "s")
        for expected in [ExpectedVersion.noStream, .any, .exact(0), .streamExists] {
            let again = try store.append(to: "s", expected: expected, events: appended, outbox: outbox)
            try expectEqual(again, first, "repeating the append with expected \(expected)")
        }
        try expectUnchanged(store, "s", since: before, "after the repeats")
        try expectEqual(try store.readStream("s").map(\.eventID), appended.map(\.eventID), "events stored once")
        try expectEqual(try store.pendingOutbox(limit: 10).map(\.message), outbox, "outbox message stored once")
    },
    ContractCase("a repeated append still returns its own result after later appends to the stream") { store in
        let appended = events(2, tag: "first")
        let first = try store.append(to: "s", expected: .noStream, events: appended)
        try store.append(to: "s", expected: .exact(2), events: events(2, tag: "later"))
        let before = try snapshot(store, "s")
        try expectEqual(try store.append(to: "s", expected: .exact(0), events: appended), first, "the repeat's result")
        try expectUnchanged(store, "s", since: before, "after the repeat")
    },
    ContractCase("reusing some but not all ids of an earlier append is refused and writes nothing") { store in
        let appended = events(2, tag: "first")
        try store.append(to: "s", expected: .noStream, events: appended)
        let before = try snapshot(store, "s")
        let mixed = [appended[1]] + events(1, tag: "new")
        let refused = try expectThrows(DuplicateEventIDs.self, "appending one old and one new id") {
            try store.append(to: "s", expected: .any, events: mixed, outbox: [message("mixed")])
        }
        try expectEqual(refused.streamID, "s", "the refusal names the stream")
        try expectEqual(refused.eventIDs, [appended[1].eventID], "the refusal names the repeated id")
        _ = try expectThrows(DuplicateEventIDs.self, "appending the same ids in another order") {
            try store.append(to: "s", expected: .any, events: appended.reversed())
        }
        try expectUnchanged(store, "s", since: before, "after the refusals")
        try expectEqual(try store.pendingOutbox(limit: 10), [], "no outbox message from a refused append")
    },
]

// MARK: - Outbox

private let outbox: [ContractCase] = [
    ContractCase("outbox messages are stored with the append, in order, until delivered") { store in
        let messages = [message("m1"), message("m2", destination: "finance"), message("m3")]
        try store.append(to: "s", expected: .noStream, events: events(1), outbox: Array(messages[0...1]))
        try store.append(to: "t", expected: .noStream, events: events(1), outbox: [messages[2]])
        let pending = try store.pendingOutbox(limit: 10)
        try expectEqual(pending.map(\.message), messages, "pending messages, oldest first")
        try expectEqual(pending.map(\.attempts), [0, 0, 0], "attempts of new messages")
        try expectEqual(pending.map(\.sequence), pending.map(\.sequence).sorted(), "sequences increase")
        try expectEqual(Set(pending.map(\.sequence)).count, 3, "sequences are distinct")
        try expectEqual(try store.pendingOutbox(limit: 2).map(\.message), Array(messages[0...1]), "limit 2")
    },
    ContractCase("failed deliveries are counted on the pending message until it is delivered") { store in
        try store.append(to: "s", expected: .noStream, events: events(1), outbox: [message("m1"), message("m2")])
        let pending = try store.pendingOutbox(limit: 10)
        try expectEqual(pending.count, 2, "pending messages")
        try store.recordFailedDelivery(sequences: [pending[0].sequence])
        try store.recordFailedDelivery(sequences: [pending[0].sequence, pending[0].sequence, 999_999])
        try expectEqual(try store.pendingOutbox(limit: 10).map(\.attempts), [2, 0], "attempts after two failed deliveries of m1")
        try store.markDelivered(sequences: [pending[0].sequence])
        try store.recordFailedDelivery(sequences: [pending[0].sequence, pending[1].sequence])
        try expectEqual(try store.pendingOutbox(limit: 10).map(\.message.messageID), ["m2"], "m1 stays delivered")
        try expectEqual(try store.pendingOutbox(limit: 10).map(\.attempts), [1], "attempts of m2")
    },
    ContractCase("delivered outbox messages are no longer pending") { store in
        try store.append(to: "s", expected: .noStream, events: events(1), outbox: [message("m1"), message("m2"), message("m3")])
        let pending = try store.pendingOutbox(limit: 10)
        try expectEqual(pending.count, 3, "pending messages before delivery")
        try store.markDelivered(sequences: [pending[0].sequence, pending[2].sequence])
        try expectEqual(try store.pendingOutbox(limit: 10).map(\.message.messageID), ["m2"], "pending after delivering m1 and m3")
        try store.markDelivered(sequences: [pending[0].sequence])
        try expectEqual(try store.pendingOutbox(limit: 10).map(\.message.messageID), ["m2"], "delivering m1 twice changes nothing")
        try store.markDelivered(sequences: [])
        try store.markDelivered(sequences: [pending[1].sequence])
        try expectEqual(try store.pendingOutbox(limit: 10), [], "pending after delivering everything")
    },
    ContractCase("an append without events queues its outbox messages when the expected version holds") { store in
        try store.append(to: "s", expected: .noStream, events: events(1))
        let before = try snapshot(store, "s")
        let result = try store.append(to: "s", expected: .exact(1), events: [], outbox: [message("notify")])
        try expectEqual(result, AppendResult(nextExpectedVersion: 1, positions: []), "result of an append with only a message")
        try expectEqual(try store.pendingOutbox(limit: 10).map(\.message), [message("notify")], "pending messages")
        try expectUnchanged(store, "s", since: before, "events after an append with only a message")
        _ = try expectThrows(WrongExpectedVersion.self, "a message-only append expecting an old version") {
            try store.append(to: "s", expected: .exact(0), events: [], outbox: [message("stale")])
        }
        try expectEqual(try store.pendingOutbox(limit: 10).map(\.message.messageID), ["notify"], "no message from the conflict")
    },
]

// MARK: - Stream ids

/// Expects `body` to refuse `streamID` with `InvalidStreamID` for `rule`.
private func expectInvalid(_ streamID: String, _ rule: (InvalidStreamID.Rule) -> Bool, _ check: String, _ body: () throws -> Any) throws {
    let error = try expectThrows(InvalidStreamID.self, check, body)
    guard rule(error.rule) else { throw ContractViolation(check, expected: "the rule broken", actual: "\(error.rule)") }
    guard StreamIDRules.sameStream(error.streamID, streamID) else {
        throw ContractViolation(check, expected: "the error names the id", actual: error.streamID)
    }
    guard !error.description.isEmpty, !error.description.contains("\u{0}") else {
        throw ContractViolation(check, expected: "a printable sentence", actual: error.description)
    }
}

private let streamIDs: [ContractCase] = {
    let tooLong = String(repeating: "é", count: StreamIDRules.maximumUTF8Length / 2 + 1)  // 2 bytes each
    let invalid: [(id: String, name: String, rule: @Sendable (InvalidStreamID.Rule) -> Bool)] = [
        ("", "the empty stream id", { $0 == .empty }),
        ("a\u{0}b", "a stream id with a NUL character", { $0 == .containsNUL }),
        (tooLong, "a stream id longer than the maximum", { if case .tooLong = $0 { true } else { false } }),
    ]
    return invalid.map { invalid in
        ContractCase("\(invalid.name) is refused by appends and reads, and nothing is written") { store in
            try store.append(to: "a", expected: .noStream, events: events(1, tag: "a"))
            let before = try snapshot(store, "a")
            try expectInvalid(invalid.id, invalid.rule, "appending to \(invalid.name)") {
                try store.append(to: invalid.id, expected: .any, events: events(1, tag: "x"), outbox: [message("x")])
            }
            try expectInvalid(invalid.id, invalid.rule, "reading \(invalid.name)") { try store.readStream(invalid.id) }
            try expectInvalid(invalid.id, invalid.rule, "the state of \(invalid.name)") { try store.streamState(invalid.id) }
            try expectUnchanged(store, "a", since: before, "after the refusals")
            try expectEqual(try store.readStream("a").count, 1, "events of stream 'a'")
            try expectEqual(try store.pendingOutbox(limit: 10), [], "outbox after the refusals")
        }
    } + [
        ContractCase("a stream id of exactly the maximum length is a stream like any other") { store in
            let longest = String(repeating: "x", count: StreamIDRules.maximumUTF8Length - 2) + "é"
            try store.append(to: longest, expected: .noStream, events: events(2))
            try expectEqual(try store.streamState(longest), .exists(version: 2), "state of the longest stream id")
            try expectEqual(try store.readStream(longest).map(\.streamID.utf8.count), [256, 256], "ids read back")
        },
        ContractCase("stream ids are compared exactly: 'café' in NFC and in NFD are two streams, each read back as written") { store in
            let composed = "caf\u{E9}", decomposed = "cafe\u{301}"
            try store.append(to: composed, expected: .noStream, events: events(1, tag: "nfc"))
            try store.append(to: decomposed, expected: .noStream, events: events(2, tag: "nfd"))
            try expectEqual(try store.streamState(composed), .exists(version: 1), "state of the NFC stream")
            try expectEqual(try store.streamState(decomposed), .exists(version: 2), "state of the NFD stream")
            let nfc = try store.readStream(composed), nfd = try store.readStream(decomposed)
            try expectEqual(nfc.map { Array($0.streamID.unicodeScalars) }, [Array(composed.unicodeScalars)], "the NFC id read back")
            try expectEqual(nfd.map { Array($0.streamID.unicodeScalars) }, Array(repeating: Array(decomposed.unicodeScalars), count: 2),
                            "the NFD id read back")
            let logged = try store.readAll(after: 0, limit: 10).map { Array($0.streamID.utf8) }
            try expectEqual(logged, [Array(composed.utf8)] + Array(repeating: Array(decomposed.utf8), count: 2), "ids in the global log")
        },
    ]
}()

// MARK: - Read limits

private let readLimits: [ContractCase] = [
    ContractCase("a negative limit is refused by every read, without a crash") { store in
        try store.append(to: "s", expected: .noStream, events: events(2), outbox: [message("m")])
        for limit in [-1, Int.min] {
            _ = try expectThrows(InvalidReadLimit.self, "readStream forward with limit \(limit)") {
                try store.readStream("s", from: nil, direction: .forward, limit: limit)
            }
            _ = try expectThrows(InvalidReadLimit.self, "readStream backward with limit \(limit)") {
                try store.readStream("s", from: nil, direction: .backward, limit: limit)
            }
            _ = try expectThrows(InvalidReadLimit.self, "readAll with limit \(limit)") { try store.readAll(after: 0, limit: limit) }
            _ = try expectThrows(InvalidReadLimit.self, "pendingOutbox with limit \(limit)") { try store.pendingOutbox(limit: limit) }
        }
        try expectEqual(try store.readStream("s").count, 2, "the stream is still readable")
    },
]

// MARK: - Repeated event ids

private let repeatedIDs: [ContractCase] = [
    ContractCase("an append listing one event id twice is refused naming the id, and writes nothing") { store in
        try store.append(to: "s", expected: .noStream, events: events(1, tag: "first"))
        let before = try snapshot(store, "s")
        let twice = events(2, tag: "twice")
        let repeated = [twice[0], twice[1], twice[0]]
        let error = try expectThrows(EventIDRepeatedInAppend.self, "appending the same id twice") {
            try store.append(to: "s", expected: .exact(1), events: repeated, outbox: [message("twice")])
        }
        try expectEqual(error.eventID, twice[0].eventID, "the error names the repeated id")
        try expectEqual(error.streamID, "s", "the error names the stream")
        try expectEqual(error.description.contains(twice[0].eventID.uuidString), true, "the sentence names the id")
        try expectUnchanged(store, "s", since: before, "after the refusal")
        try expectEqual(try store.pendingOutbox(limit: 10), [], "no outbox message from the refused append")
    },
    ContractCase("an event id stored in another stream is refused, and writes nothing") { store in
        let shared = events(1, tag: "shared")
        try store.append(to: "a", expected: .noStream, events: shared)
        let before = try snapshot(store, "b")
        let refused = try expectThrows(DuplicateEventIDs.self, "appending an id of stream a to stream b") {
            try store.append(to: "b", expected: .noStream, events: shared)
        }
        try expectEqual(refused.eventIDs, shared.map(\.eventID), "the refusal names the id")
        try expectUnchanged(store, "b", since: before, "after the refusal")
    },
]

// MARK: - Outbox message ids

private let outboxMessageIDs: [ContractCase] = [
    ContractCase("an outbox message queued again under its id is kept once, even after delivery") { store in
        try store.append(to: "s", expected: .noStream, events: events(1, tag: "1"), outbox: [message("m1")])
        try store.append(to: "s", expected: .exact(1), events: events(1, tag: "2"), outbox: [message("m1"), message("m2")])
        try expectEqual(try store.streamState("s"), .exists(version: 2), "both appends wrote their events")
        let pending = try store.pendingOutbox(limit: 10)
        try expectEqual(pending.map(\.message.messageID), ["m1", "m2"], "pending messages")
        try store.markDelivered(sequences: [pending[0].sequence])
        try store.append(to: "s", expected: .exact(2), events: [], outbox: [message("m1")])
        try expectEqual(try store.pendingOutbox(limit: 10).map(\.message.messageID), ["m2"], "m1 is not queued again")
        try store.append(to: "t", expected: .noStream, events: events(1, tag: "t"), outbox: [message("m3"), message("m3")])
        try expectEqual(try store.pendingOutbox(limit: 10).map(\.message.messageID), ["m2", "m3"], "a message listed twice in one append")
    },
    ContractCase("a different message under an outbox id already used is refused, and the append writes nothing") { store in
        try store.append(to: "s", expected: .noStream, events: events(1), outbox: [message("m1")])
        let before = try snapshot(store, "s")
        var changed = message("m1")
        changed.payload = Data(#"{"id":"other"}"#.utf8)
        for (name, outbox) in [("a later append", [changed]), ("the same append", [message("m9"), changed]),
                               ("one append listing the id twice", [message("m8"), message("m8", destination: "finance")])] {
            let error = try expectThrows(ConflictingOutboxMessage.self, "reusing an outbox id in \(name)") {
                try store.append(to: "s", expected: .exact(1), events: events(1, tag: "later"), outbox: outbox)
            }
            try expectEqual(error.description.contains("'\(error.messageID)'"), true, "the sentence names the message id")
        }
        try expectUnchanged(store, "s", since: before, "after the refusals")
        try expectEqual(try store.pendingOutbox(limit: 10).map(\.message), [message("m1")], "the first message is kept as it was")
    },
]
