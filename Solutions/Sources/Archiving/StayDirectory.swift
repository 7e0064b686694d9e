import EventSourcing
import EventSourcingSQLite
import Foundation

/// Where a stay stands in the hot log.
public struct StayStatus: Sendable, Equatable {
    public var stayID: String
    /// nil while the guest is still in the hotel.
    public var checkedOutAt: Date?

    public init(stayID: String, checkedOutAt: Date?) {
        self.stayID = stayID
        self.checkedOutAt = checkedOutAt
    }
}

/// Given: reading what the archiver needs from the hot log.
extension Archiver {
    /// Every stay still in the hot log, in check-in order, with its checkout date if it has one.
    ///
    /// It scans the global log, which is fine for the checks' few hundred events. In production
    /// this is a read model (a `closed_stays` table kept by a projection, indexed by checkout
    /// date), so the nightly job asks "closed before D?" without reading the log.
    public func stays() throws -> [StayStatus] {
        var order: [String] = []
        var checkedOut: [String: Date] = [:]
        var after: Int64 = 0
        while case let page = try store.readAll(after: after, limit: 500), let last = page.last {
            // Only check-ins and checkouts matter here: the other events are not even decoded.
            for recorded in page where recorded.streamID.hasPrefix("guest_stay-")
                && (recorded.eventType == "GuestCheckedIn" || recorded.eventType == "GuestCheckedOut") {
                switch try StayEvent.codec.decode(recorded).event {
                case .guestCheckedIn(let event): order.append(event.stayID)
                case .guestCheckedOut(let event): checkedOut[event.stayID] = event.at
                default: break
                }
            }
            after = last.position
        }
        return order.map { StayStatus(stayID: $0, checkedOutAt: checkedOut[$0]) }
    }

    /// The summary of a closed stay, from its events in the hot log; nil when the hot log holds
    /// no events of the stay (never existed, or archived already) or the stay is still open.
    public func summary(ofStay stayID: String, archivedAt: Date) throws -> StayArchived? {
        let recorded = try store.readStream(StayEvent.streamID(stayID: stayID))
        guard let last = recorded.last else { return nil }
        var checkedIn: GuestCheckedIn?
        var checkedOutAt: Date?
        var charged = 0, paid = 0
        for envelope in try StayEvent.codec.decode(recorded) {
            switch envelope.event {
            case .guestCheckedIn(let event): checkedIn = event
            case .chargeRecorded(let event): charged += event.amount
            case .paymentReceived(let event): paid += event.amount
            case .guestCheckedOut(let event): checkedOutAt = event.at
            case .checkoutFailed, .stayArchived: break
            }
        }
        guard let checkedIn, let checkedOutAt else { return nil }
        return StayArchived(
            stayID: stayID, guestID: checkedIn.guestID, roomNumber: checkedIn.roomNumber, checkedInAt: checkedIn.at,
            checkedOutAt: checkedOutAt, charged: charged, paid: paid, balance: paid - charged,
            eventCount: recorded.count, lastVersion: last.streamVersion, archivedAt: archivedAt)
    }
}
