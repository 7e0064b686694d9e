/// The pure heart of an event-sourced model: how state follows from events, and which events
/// follow from a command.
///
/// ```swift
/// let stay = Decider<StayCommand, StayEvent, Stay>(
///     initialState: .notOpened,
///     evolve: { state, event in ... },
///     decide: { command, state in ... }   // throws a domain error, or returns [] when nothing changes
/// )
/// ```
///
/// Time and ids come in through the command, so a decider is deterministic and tests need no
/// clock. A command that would change nothing returns `[]`, never a blind write.
public struct Decider<Command, Event, State> {
    public let initialState: State
    public let evolve: @Sendable (State, Event) -> State
    public let decide: @Sendable (Command, State) throws -> [Event]

    public init(
        initialState: State,
        evolve: @escaping @Sendable (State, Event) -> State,
        decide: @escaping @Sendable (Command, State) throws -> [Event]
    ) {
        self.initialState = initialState
        self.evolve = evolve
        self.decide = decide
    }

    /// The state after replaying `events` from the initial state.
    public func fold<S: Sequence>(_ events: S) -> State where S.Element == Event {
        events.reduce(initialState, evolve)
    }
}

extension Decider: Sendable where State: Sendable {}
