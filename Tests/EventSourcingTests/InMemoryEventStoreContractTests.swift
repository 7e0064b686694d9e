import EventSourcing
import EventSourcingTesting
import Testing

/// The in-memory store keeps the same contract as every other store.
@Suite struct InMemoryEventStoreContractTests {
    @Test(arguments: EventStoreContract.cases)
    func inMemoryStoreKeepsTheContract(_ contractCase: ContractCase) throws {
        try contractCase.run { InMemoryEventStore() }
    }
}
