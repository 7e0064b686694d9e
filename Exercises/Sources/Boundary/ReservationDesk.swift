import EventSourcing
import Foundation

/// Takes reservations: load the night's availability, decide, append.
public struct ReservationDesk: Sendable {
    public let store: any EventStore
    /// How many times to decide again after a concurrency conflict before giving up.
    public let maxRetries: Int
    private let makeEventID: @Sendable () -> UUID

    public init(store: any EventStore, maxRetries: Int = 3, makeEventID: @escaping @Sendable () -> UUID = { UUID() }) {
        self.store = store
        self.maxRetries = maxRetries
        self.makeEventID = makeEventID
    }

    /// The availability a stream holds and the version it was read at.
    public func load(_ streamID: String) throws -> (state: RoomAvailability, version: StreamState) {
        let recorded = try store.readStream(streamID)
        let state = try RoomAvailabilityEvent.codec.decode(recorded).map(\.event)
            .reduce(RoomAvailability.initial, RoomAvailability.evolve)
        return (state, recorded.last.map { .exists(version: $0.streamVersion) } ?? .noStream)
    }

    /// Reserves a room: the new events (none when this reservation was already made), or
    /// `ReservationError.soldOut`, or the last `WrongExpectedVersion` after `maxRetries` retries.
    @discardableResult
    public func reserve(_ command: ReserveRoom, context: MessageContext) throws -> [RoomAvailabilityEvent] {
        let streamID = RoomAvailability.streamID(roomType: command.roomType, date: command.date)
        // TODO: v0 loads, decides, then appends with `.any`. Two desks that load the same
        // version both see "1 room left", both append, and the last room is sold twice.
        //   1. Append with the version you loaded (`version.expectedVersion`), so the store
        //      refuses the append if anyone wrote in between (`WrongExpectedVersion`).
        //   2. On that conflict, load and decide again (the answer may now be soldOut), at most
        //      `maxRetries` times; after that, throw the conflict.
        let (state, _) = try load(streamID)
        let events = try RoomAvailability.decide(command, state)
        guard !events.isEmpty else { return [] }
        let data = try events.map {
            try RoomAvailabilityEvent.codec.encode($0, eventID: makeEventID(), metadata: context.eventMetadata)
        }
        try store.append(to: streamID, expected: .any, events: data)
        return events
    }
}
