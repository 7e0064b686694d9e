import EventSourcing

/// Given/when/then for a decider: given past events, when a command arrives, then these events
/// (or this error, or nothing).
///
/// ```swift
/// try DeciderSpec(GuestStay.decider)
///     .given([.checkedIn(...), .chargeRecorded(amount: 100)])
///     .when(.checkOut(stayID: "s1", now: t))
///     .then([.checkoutFailed(reason: .balanceNotSettled)])
/// ```
///
/// Each `then` throws a `SpecFailure` showing expected against actual when it does not hold.
public struct DeciderSpec<Command, Event: Equatable, State> {
    public let decider: Decider<Command, Event, State>

    public init(_ decider: Decider<Command, Event, State>) {
        self.decider = decider
    }

    /// The events that already happened on the stream.
    public func given(_ events: [Event]) -> Given {
        Given(decider: decider, events: events)
    }

    public struct Given {
        let decider: Decider<Command, Event, State>
        let events: [Event]

        /// The state the given events lead to.
        public var state: State { decider.fold(events) }

        /// The command to decide on.
        public func when(_ command: Command) -> When {
            let state = decider.fold(events)
            return When(command: command, result: Result { try decider.decide(command, state) })
        }
    }

    public struct When {
        public let command: Command
        public let result: Result<[Event], any Error>

        /// The decision must be exactly these events, in this order.
        public func then(_ expected: [Event]) throws {
            switch result {
            case .failure(let error):
                throw SpecFailure("Expected events, but deciding \(SpecFailure.describe(command)) \(SpecFailure.threw(error)).\n"
                    + SpecFailure.mismatch("Events", expected: expected, actual: [Event](), firstDifference: nil).message)
            case .success(let actual):
                if let index = firstDifference(expected, actual) {
                    throw SpecFailure.mismatch("Events", expected: expected, actual: actual, firstDifference: index)
                }
            }
        }

        /// The command must be refused with exactly this error.
        public func thenThrows<E: Error & Equatable>(_ expected: E) throws {
            switch result {
            case .success(let events):
                throw SpecFailure("Expected deciding \(SpecFailure.describe(command)) to be refused with \(SpecFailure.describe(expected)), but it was accepted with "
                    + (events.isEmpty ? "no events." : "\(events.count) event(s):\n" + events.map { "  - \(SpecFailure.describe($0))" }.joined(separator: "\n")))
            case .failure(let error as E) where error == expected:
                return
            case .failure(let error):
                throw SpecFailure("Expected deciding \(SpecFailure.describe(command)) to be refused with \(SpecFailure.describe(expected)), but it \(SpecFailure.threw(error)).")
            }
        }

        /// The command must be refused with an error that satisfies `matches`.
        public func thenThrows(_ description: String, where matches: (any Error) -> Bool) throws {
            switch result {
            case .success(let events):
                throw SpecFailure("Expected \(description), but deciding \(SpecFailure.describe(command)) was accepted with \(events.count) event(s)"
                    + (events.isEmpty ? "." : ":\n" + events.map { "  - \(SpecFailure.describe($0))" }.joined(separator: "\n")))
            case .failure(let error) where matches(error):
                return
            case .failure(let error):
                throw SpecFailure("Expected \(description), but deciding \(SpecFailure.describe(command)) \(SpecFailure.threw(error)).")
            }
        }

        /// The command must change nothing: no events and no error (an idempotent decision).
        public func thenNothingHappened() throws {
            switch result {
            case .failure(let error):
                throw SpecFailure("Expected nothing to happen (an idempotent decision), but deciding \(SpecFailure.describe(command)) \(SpecFailure.threw(error)).")
            case .success(let events) where events.isEmpty:
                return
            case .success(let events):
                throw SpecFailure.mismatch("Events", expected: [Event](), actual: events, firstDifference: 0)
            }
        }
    }
}
