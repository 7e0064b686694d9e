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
