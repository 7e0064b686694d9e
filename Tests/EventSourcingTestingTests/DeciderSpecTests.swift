import EventSourcing
import EventSourcingTesting
import Testing

/// A counter that refuses to go below zero: enough to exercise every branch of the specs.
enum Counter {
    enum Event: Equatable { case incremented(by: Int), decremented(by: Int) }
    enum Command { case add(Int), subtract(Int) }
    enum Rule: Error, Equatable { case wouldGoNegative }

    static let decider = Decider<Command, Event, Int>(
        initialState: 0,
        evolve: { value, event in
            switch event {
            case .incremented(let by): value + by
            case .decremented(let by): value - by
            }
        },
        decide: { command, value in
            switch command {
            case .add(0), .subtract(0): return []
            case .add(let amount): return [.incremented(by: amount)]
            case .subtract(let amount):
                guard value >= amount else { throw Rule.wouldGoNegative }
                return [.decremented(by: amount)]
            }
        }
    )
}

@Suite struct DeciderSpecTests {
    let spec = DeciderSpec(Counter.decider)

    @Test func matchingEventsPass() throws {
        try spec.given([.incremented(by: 2)]).when(.subtract(1)).then([.decremented(by: 1)])
    }

    @Test func differentEventsFailWithExpectedAndActual() {
        let failure = #expect(throws: SpecFailure.self) {
            try spec.given([.incremented(by: 2)]).when(.subtract(1)).then([.decremented(by: 2)])
        }
        let message = failure?.message ?? ""
        #expect(message.hasPrefix("Events differ at 1: decremented.by: expected 2, actual 1\n"), "\(message)")
        #expect(message.contains("Expected 1:\n  > 1. .decremented(by: 2)"), "\(message)")
        #expect(message.contains("Actual 1:\n  > 1. .decremented(by: 1)"), "\(message)")
    }

    @Test func anErrorWhereEventsWereExpectedShowsTheError() {
        let failure = #expect(throws: SpecFailure.self) {
            try spec.given([]).when(.subtract(1)).then([.decremented(by: 1)])
        }
        #expect(failure?.message.contains("deciding .subtract(1) threw .wouldGoNegative (Rule)") == true, "\(failure?.message ?? "")")
    }

    @Test func theExpectedErrorPasses() throws {
        try spec.given([]).when(.subtract(1)).thenThrows(Counter.Rule.wouldGoNegative)
        try spec.given([]).when(.subtract(1)).thenThrows("a domain rule") { $0 is Counter.Rule }
    }

    @Test func eventsWhereAnErrorWasExpectedFail() {
        let failure = #expect(throws: SpecFailure.self) {
            try spec.given([.incremented(by: 5)]).when(.subtract(1)).thenThrows(Counter.Rule.wouldGoNegative)
        }
        #expect(failure?.message.contains("decremented(by: 1)") == true)
    }

    @Test func nothingHappenedPassesOnlyForNoEvents() throws {
        try spec.given([]).when(.add(0)).thenNothingHappened()
        #expect(throws: SpecFailure.self) { try spec.given([]).when(.add(1)).thenNothingHappened() }
        #expect(throws: SpecFailure.self) { try spec.given([]).when(.subtract(1)).thenNothingHappened() }
    }

    @Test func projectionSpecDeliversTheWholeSequenceAgain() throws {
        let events = EventFixtures.stream("counter-1", [Counter.Event.incremented(by: 2), .incremented(by: 3)])
        // A naive projection counts redeliveries twice...
        let naive = ProjectionSpec<Counter.Event, Int>(initial: 0) { total, envelope in
            if case .incremented(let by) = envelope.event { total += by }
        }
        try naive.given(events).then(5)
        #expect(throws: SpecFailure.self) { try naive.given(events, deliveredTimes: 2).then(5) }

        // ...one that remembers the last position it applied does not.
        struct Total: Equatable { var value = 0; var lastPosition: Int64 = 0 }
        let idempotent = ProjectionSpec<Counter.Event, Total>(initial: Total()) { total, envelope in
            guard envelope.position > total.lastPosition else { return }
            if case .incremented(let by) = envelope.event { total.value += by }
            total.lastPosition = envelope.position
        }
        try idempotent.given(events, deliveredTimes: 3).then(Total(value: 5, lastPosition: 2))
    }
}
