import EventSourcing
import Foundation

/// The front desk's writes and reads, with read-your-writes on top of an eventually consistent
/// read model: a write returns where it landed in the global log, and a read can wait for the
/// read model to get there.
public struct FrontDesk: Sendable {
    public let store: any EventStore
    public let folios: InMemoryProjection<[String: OpenFolio]>
    public let clock: any WaitClock
    /// How long to sleep between two looks at the read model's checkpoint.
    public let pollInterval: Duration

    public init(store: any EventStore, folios: InMemoryProjection<[String: OpenFolio]>, clock: any WaitClock,
                pollInterval: Duration = .milliseconds(50)) {
        self.store = store
        self.folios = folios
        self.clock = clock
        self.pollInterval = pollInterval
    }

    /// Appends `event` to its stay's stream and returns the **global position** it landed at:
    /// the token a client hands back to `folio(_:atLeast:timeout:)`.
    ///
    /// The global position, not the stream version: a read model follows the global log, and
    /// its checkpoint is a global position. Version 2 of this stay may be position 7 of the log.
    ///
    /// A simplification, said plainly: this stands in for the stay's command handler from the
    /// modelling stage, which loads the stay, decides and appends with the version it decided
    /// on. Here the checks hand in facts that are already decided, one desk at a time, so there
    /// is no decision to protect and the append uses `.any`. In the hotel, the position comes
    /// from that handler's append result, the same way.
    public func record(_ event: GuestStayEvent, eventID: UUID, metadata: EventMetadata) throws -> Int64 {
        let data = try GuestStayEvent.codec.encode(event, eventID: eventID, metadata: metadata)
        let result = try store.append(to: "guest_stay-\(event.stayID)", expected: .any, events: [data], outbox: [])
        return result.positions.last ?? 0
    }

    /// The stay's open folio, once the read model has processed at least `position`.
    ///
    /// Waits with a bounded number of polls: a read that could wait forever turns a slow
    /// projection into a hung request thread, then a hung server.
    public func folio(_ stayID: String, atLeast position: Int64, timeout: Duration) throws -> OpenFolio? {
        let start = clock.now()
        while true {
            // `>=`: the read model has applied the client's own event once its checkpoint is
            // at that event's position; anything more recent is a bonus.
            let reached = try folios.checkpoint()
            if reached >= position { return folios.readModel[stayID] }
            // Give up with an error that says what happened, never with stale data that looks
            // like the write was lost.
            guard clock.now() - start < timeout else {
                throw ReadModelLagging(readModel: folios.name, waitedFor: position, reached: reached, timeout: timeout)
            }
            try clock.sleep(for: pollInterval)
        }
    }
}

extension GuestStayEvent {
    /// The stay every event belongs to.
    public var stayID: String {
        switch self {
        case .guestCheckedIn(let e): e.stayID
        case .chargeRecorded(let e): e.stayID
        case .paymentRecorded(let e): e.stayID
        case .guestCheckedOut(let e): e.stayID
        case .guestCheckoutFailed(let e): e.stayID
        }
    }
}
