import EventSourcing
import EventSourcingSQLite
import EventSourcingTesting
import Testing

/// The SQLite store keeps the same contract as the in-memory store, on a fresh file per case.
@Suite struct SQLiteEventStoreContractTests {
    @Test(arguments: EventStoreContract.cases)
    func sqliteStoreKeepsTheContract(_ contractCase: ContractCase) throws {
        let directory = try TemporaryDirectory()
        try contractCase.run { try SQLiteEventStore(path: directory.file("events.sqlite")) }
    }
}

/// The contract has teeth: a store that quietly drops outbox messages, or ignores expected
/// versions, fails it.
@Suite struct EventStoreContractCatchesBrokenStoresTests {
    /// Wraps a correct store and breaks one promise.
    struct BrokenStore: EventStore {
        let inner = InMemoryEventStore()
        let dropsOutbox: Bool
        let ignoresExpectedVersion: Bool

        func append(to streamID: String, expected: ExpectedVersion, events: [EventData], outbox: [OutboxMessage]) throws -> AppendResult {
            try inner.append(to: streamID, expected: ignoresExpectedVersion ? .any : expected, events: events,
                             outbox: dropsOutbox ? [] : outbox)
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

    func violations(_ makeStore: () -> BrokenStore) -> [String] {
        EventStoreContract.cases.compactMap { contractCase in
            do {
                try contractCase.run(makeStore)
                return nil
            } catch {
                return "\(contractCase.name): \(error)"
            }
        }
    }

    @Test func aStoreDroppingOutboxMessagesFailsTheContract() {
        let failures = violations { BrokenStore(dropsOutbox: true, ignoresExpectedVersion: false) }
        #expect(failures.count >= 3)
        #expect(failures.contains { $0.contains("outbox") })
    }

    @Test func aStoreIgnoringExpectedVersionsFailsTheContract() {
        let failures = violations { BrokenStore(dropsOutbox: false, ignoresExpectedVersion: true) }
        #expect(failures.filter { $0.contains("conflict") }.count >= 5)
    }
}
