import EventSourcing
import Foundation

/// Publishes the stay's public events from its private ones: the only door between the stay's
/// internal model and the rest of the hotel.
///
/// It reads the global log (at least once, like any subscriber) and, for each stay that checks
/// out, publishes one `GuestStayCompleted`.
public final class StayTranslator {
    private let store: any EventStore
    /// Stays already published: a redelivered checkout must not publish again. Kept in memory:
    /// a simplification. A real translator stores it durably, or writes its messages through
    /// an outbox keyed by the message id derived from the stay, so that a restart does not
    /// publish every stay again (consumers deduplicate by that id as well).
    public private(set) var published: Set<String> = []

    public init(store: any EventStore) {
        self.store = store
    }

    /// The public messages one stored event leads to: none for most, one when a stay is over.
    public func publicMessages(for recorded: RecordedEvent) throws -> [PublicMessage] {
        // Decode through the codec, never by the stored type name: the codec knows every name
        // an event was ever stored under (PaymentRecorded is PaymentReceived), so renames stay
        // inside the stay's module and never reach the subscribers.
        guard case .guestCheckedOut(let checkout) = try GuestStayEvent.codec.decode(recorded).event else { return [] }
        // Once per stay, whatever redelivery does. (The message id lets subscribers
        // deduplicate too, but a contract that says "one per stay" should keep its word.)
        guard !published.contains(checkout.stayID) else { return [] }
        let history = try GuestStayEvent.codec.decode(store.readStream(recorded.streamID)).map(\.event)
        var checkIn: GuestCheckedIn?
        var charged = 0, paid = 0
        for event in history {
            switch event {
            case .guestCheckedIn(let e): checkIn = e
            case .chargeRecorded(let e): charged += e.amount
            case .paymentReceived(let e): paid += e.amount
            // A failed attempt is the stay's business (the desk follows it up), not the hotel's:
            // only the checkout that ended the stay is public.
            case .guestCheckedOut, .guestCheckoutFailed: break
            }
        }
        guard let checkIn else { return [] }
        let completed = GuestStayCompleted(
            stayID: checkout.stayID, guestID: checkIn.guest.id, roomNumber: checkIn.roomNumber,
            checkedInAt: checkIn.at, checkedOutAt: checkout.at, totalCharged: charged, totalPaid: paid)
        published.insert(checkout.stayID)
        return [try completed.message()]
    }
}
