#if Postgres
import EventSourcing
import EventSourcingPostgres
import EventSourcingTesting
import Testing

extension PostgresTests {
/// The PostgreSQL store keeps the same contract as the in-memory and SQLite stores, on a fresh
/// schema per case of a real server (the test cluster, or WORKSHOP_TEST_POSTGRES).
@Suite struct PostgresEventStoreContractTests {
    @Test(arguments: EventStoreContract.cases)
    func postgresStoreKeepsTheContract(_ contractCase: ContractCase) throws {
        try contractCase.run { try PostgresTestDatabase.freshStore() }
    }
}
}
#else
import Testing

/// Built without the `Postgres` trait: say so where the PostgreSQL tests would be.
@Suite struct PostgresEventStoreContractTests {
    @Test(.disabled("built without the Postgres trait: run `make test`, or `swift test --traits Postgres`"))
    func postgresStoreKeepsTheContract() {}
}
#endif
