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
    /// A simplification, said plainly: this stands in for the stay's command handler from the
    /// modelling stage, which loads the stay, decides and appends with the version it decided
    /// on. Here the checks hand in facts that are already decided, one desk at a time, so there
    /// is no decision to protect and the append uses `.any`. In the hotel, the position comes
    /// from that handler's append result, the same way.
    public func record(_ event: GuestStayEvent, eventID: UUID, metadata: EventMetadata) throws -> Int64 {
        let data = try GuestStayEvent.codec.encode(event, eventID: eventID, metadata: metadata)
        try store.append(to: "guest_stay-\(event.stayID)", expected: .any, events: [data], outbox: [])
        // TODO: return the global position the event landed at (the append's result has it).
        return 0
    }

    /// The stay's open folio, once the read model has processed at least `position`.
    public func folio(_ stayID: String, atLeast position: Int64, timeout: Duration) throws -> OpenFolio? {
        // TODO: wait until `try folios.checkpoint()` has reached `position`, then answer.
        // - look first: if it is already there, answer without sleeping;
        // - otherwise `try clock.sleep(for: pollInterval)` and look again;
        // - once `timeout` has passed (measure with `clock.now()`), throw `ReadModelLagging`
        //   (readModel: folios.name, waitedFor: position, reached: the checkpoint, timeout).
        folios.readModel[stayID]
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
