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
        var retries = 0
        while true {
            // Load inside the loop: after a conflict, the decision must be made again on what
            // the other writer appended. Retrying the old decision would re-sell its room.
            let (state, version) = try load(streamID)
            let events = try RoomAvailability.decide(command, state)
            guard !events.isEmpty else { return [] }
            let data = try events.map {
                try RoomAvailabilityEvent.codec.encode($0, eventID: makeEventID(), metadata: context.eventMetadata)
            }
            do {
                // The version we decided on: if anyone appended since, the store refuses, and
                // no two desks can sell the same last room.
                try store.append(to: streamID, expected: version.expectedVersion, events: data)
                return events
            } catch let conflict as WrongExpectedVersion {
                // Bounded: under heavy contention, answer with the conflict rather than spin.
                guard retries < maxRetries else { throw conflict }
                retries += 1
            }
        }
    }
}
