import EventSourcing
import Foundation
import Synchronization
import Testing

@Suite struct CommandHandlerTests {
    let ada = RoomKeys.Guest(name: "Ada", language: "en")

    @Test func newEventsCarryTheCommandsCorrelationAndCausation() throws {
        let store = InMemoryEventStore()
        let handler = CommandHandler(decider: RoomKeys.decider, codec: RoomKeys.codec, store: store)
        let outcome = try handler.handle(.issue(keyID: "k1", guest: ada), on: "room_keys-101",
                                         context: MessageContext(messageID: "cmd-1", correlationID: "checkin-7"))
        let stored = try store.readStream("room_keys-101")
        #expect(stored.count == 1)
        #expect(stored[0].metadata.correlationID == "checkin-7")
        #expect(stored[0].metadata.causationID == "cmd-1")
        #expect(outcome.version == 1)
        #expect(outcome.state.active == ["k1"])
    }

    @Test func aCommandThatStartsAFlowCorrelatesWithItself() throws {
        let store = InMemoryEventStore()
        let handler = CommandHandler(decider: RoomKeys.decider, codec: RoomKeys.codec, store: store)
        try handler.handle(.issue(keyID: "k1", guest: ada), on: "room_keys-101", context: MessageContext(messageID: "cmd-1"))
        #expect(try store.readStream("room_keys-101")[0].metadata.correlationID == "cmd-1")
    }

    @Test func aCommandThatChangesNothingAppendsNothing() throws {
        let store = InMemoryEventStore()
        let handler = CommandHandler(decider: RoomKeys.decider, codec: RoomKeys.codec, store: store)
        try handler.handle(.issue(keyID: "k1", guest: ada), on: "room_keys-101", context: MessageContext(messageID: "1"))
        let outcome = try handler.handle(.issue(keyID: "k1", guest: ada), on: "room_keys-101", context: MessageContext(messageID: "2"))
        #expect(outcome.events.isEmpty)
        #expect(try store.headPosition() == 1)
    }

    @Test func domainErrorsPassThroughUnchanged() {
        let handler = CommandHandler(decider: RoomKeys.decider, codec: RoomKeys.codec, store: InMemoryEventStore())
        #expect(throws: RoomKeys.Rule.unknownKey("k9")) {
            try handler.handle(.revoke(keyID: "k9"), on: "room_keys-101", context: MessageContext(messageID: "1"))
        }
    }

    @Test func aConflictIsRetriedWithTheFreshState() throws {
        let store = InterferingStore(conflicts: 1)
        let handler = CommandHandler(decider: RoomKeys.decider, codec: RoomKeys.codec, store: store)
        let outcome = try handler.handle(.issue(keyID: "k1", guest: ada), on: "room_keys-101", context: MessageContext(messageID: "1"))
        #expect(outcome.retries == 1)
        // The interfering writer issued k0 first; the retry decided on top of it.
        #expect(outcome.state.active == ["k0", "k1"])
        #expect(try store.readStream("room_keys-101").map(\.streamVersion) == [1, 2])
    }

    @Test func retriesAreBoundedAndTheConflictSurfaces() throws {
        let store = InterferingStore(conflicts: 10)
        let handler = CommandHandler(decider: RoomKeys.decider, codec: RoomKeys.codec, store: store, maxRetries: 2)
        let conflict = try #require(throws: WrongExpectedVersion.self) {
            try handler.handle(.issue(keyID: "k-new", guest: ada), on: "room_keys-101", context: MessageContext(messageID: "1"))
        }
        #expect(conflict.streamID == "room_keys-101")
        #expect(store.interferences == 3)
    }
}

/// A store where another writer slips in an event between each load and append, `conflicts`
/// times, as a busy stream does in production.
final class InterferingStore: EventStore {
    private let inner = InMemoryEventStore()
    private let remaining: Mutex<Int>
    private let count = Mutex(0)

    init(conflicts: Int) { remaining = Mutex(conflicts) }

    var interferences: Int { count.withLock { $0 } }

    func append(to streamID: String, expected: ExpectedVersion, events: [EventData], outbox: [OutboxMessage]) throws -> AppendResult {
        let interfere = remaining.withLock { remaining in
            defer { remaining -= 1 }
            return remaining > 0
        }
        if interfere {
            let number = count.withLock { count in
                defer { count += 1 }
                return count
            }
            let guest = RoomKeys.Guest(name: "Other", language: "en")
            // The first writer issues a key; later ones revoke an unknown key, which changes no
            // state but still moves the stream's version.
            let event = try RoomKeys.codec.encode(number == 0 ? .issued(.init(keyID: "k0", guest: guest)) : .revoked(.init(keyID: "ghost-\(number)")))
            try inner.append(to: streamID, expected: .any, events: [event])
        }
        return try inner.append(to: streamID, expected: expected, events: events, outbox: outbox)
    }

    func readStream(_ streamID: String, from version: Int64?, direction: ReadDirection, limit: Int) throws -> [RecordedEvent] {
        try inner.readStream(streamID, from: version, direction: direction, limit: limit)
    }
    func readAll(after position: Int64, limit: Int) throws -> [RecordedEvent] { try inner.readAll(after: position, limit: limit) }
    func streamState(_ streamID: String) throws -> StreamState { try inner.streamState(streamID) }
    func headPosition() throws -> Int64 { try inner.headPosition() }
    func pendingOutbox(limit: Int) throws -> [PendingMessage] { try inner.pendingOutbox(limit: limit) }
    func markDelivered(sequences: [Int64]) throws { try inner.markDelivered(sequences: sequences) }
    func recordFailedDelivery(sequences: [Int64]) throws { try inner.recordFailedDelivery(sequences: sequences) }
}
