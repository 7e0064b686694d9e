import Foundation

/// Runs a decider against a store: load the stream, decide, append with the expected version,
/// and on a concurrency conflict reload and decide again, a bounded number of times.
///
/// ```swift
/// let handler = CommandHandler(decider: GuestStay.decider, codec: GuestStay.codec, store: store)
/// let outcome = try handler.handle(.checkIn(...), on: "guest_stay-42",
///                                  context: MessageContext(messageID: "cmd-1"))
/// ```
public struct CommandHandler<Command, Event, State>: Sendable where Event: Sendable, State: Sendable {
    public let decider: Decider<Command, Event, State>
    public let codec: EventCodec<Event>
    public let store: any EventStore
    /// How many times to decide again after a conflict before giving up with the conflict.
    public let maxRetries: Int
    private let makeEventID: @Sendable () -> UUID

    public init(
        decider: Decider<Command, Event, State>, codec: EventCodec<Event>, store: any EventStore,
        maxRetries: Int = 3, makeEventID: @escaping @Sendable () -> UUID = { UUID.timeOrdered() }
    ) {
        self.decider = decider
        self.codec = codec
        self.store = store
        self.maxRetries = maxRetries
        self.makeEventID = makeEventID
    }

    /// What handling a command did.
    public struct Outcome {
        /// The new events as stored; empty when the command changed nothing.
        public let events: [EventEnvelope<Event>]
        /// The state after the new events.
        public let state: State
        /// The stream's version after the command.
        public let version: Int64
        /// How many conflicts were retried.
        public let retries: Int
    }

    /// Loads the stream's current state and version.
    public func load(_ streamID: String) throws -> (state: State, version: StreamState) {
        let recorded = try store.readStream(streamID)
        let state = try codec.decode(recorded).reduce(decider.initialState) { decider.evolve($0, $1.event) }
        let version: StreamState = recorded.last.map { .exists(version: $0.streamVersion) } ?? .noStream
        return (state, version)
    }

    /// Handles `command` on `streamID`. Domain errors thrown by `decide` pass through unchanged.
    @discardableResult
    public func handle(_ command: Command, on streamID: String, context: MessageContext) throws -> Outcome {
        var retries = 0
        while true {
            let (state, version) = try load(streamID)
            let events = try decider.decide(command, state)
            guard !events.isEmpty else {
                return Outcome(events: [], state: state, version: version.version, retries: retries)
            }
            let metadata = context.eventMetadata
            let data = try events.map { try codec.encode($0, eventID: makeEventID(), metadata: metadata) }
            do {
                let result = try store.append(to: streamID, expected: version.expectedVersion, events: data, outbox: [])
                let recorded = zip(data, result.positions).enumerated().map { offset, pair in
                    RecordedEvent(eventID: pair.0.eventID, streamID: streamID,
                                  streamVersion: version.version + Int64(offset) + 1, position: pair.1,
                                  recordedAt: Date(), eventType: pair.0.eventType,
                                  schemaVersion: pair.0.schemaVersion, data: pair.0.data, metadata: metadata)
                }
                let envelopes = zip(events, recorded).map { EventEnvelope(event: $0, recorded: $1) }
                return Outcome(events: envelopes, state: events.reduce(state, decider.evolve),
                               version: result.nextExpectedVersion, retries: retries)
            } catch let conflict as WrongExpectedVersion {
                guard retries < maxRetries else { throw conflict }
                retries += 1
            }
        }
    }
}

extension CommandHandler.Outcome: Sendable where Event: Sendable, State: Sendable {}
