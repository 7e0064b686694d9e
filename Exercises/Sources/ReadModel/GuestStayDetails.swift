import EventSourcing
import Foundation

/// Everything the front desk shows about one stay: a document per stay, kept up to date from the
/// stay's events. The events stay the source of truth; this is a copy shaped for one screen.
public struct GuestStayDetails: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable {
        case checkedIn, checkedOut
    }

    public struct Charge: Sendable, Equatable, Codable {
        public var chargeID: String
        public var amount: Int

        public init(chargeID: String, amount: Int) {
            self.chargeID = chargeID
            self.amount = amount
        }
    }

    public var stayID: String
    public var guestID: String
    public var roomNumber: String
    public var status: Status
    /// Every charge, in the order it was recorded.
    public var charges: [Charge]
    /// Everything paid so far.
    public var paid: Int
    /// Paid minus charged, as in the stay's own state: negative means the guest owes.
    public var balance: Int
    /// How many times checking out was refused (the desk follows up on these).
    public var failedCheckouts: Int
    public var checkedInAt: Date
    public var checkedOutAt: Date?

    public init(
        stayID: String, guestID: String, roomNumber: String, status: Status, charges: [Charge] = [],
        paid: Int = 0, balance: Int = 0, failedCheckouts: Int = 0, checkedInAt: Date, checkedOutAt: Date? = nil
    ) {
        self.stayID = stayID
        self.guestID = guestID
        self.roomNumber = roomNumber
        self.status = status
        self.charges = charges
        self.paid = paid
        self.balance = balance
        self.failedCheckouts = failedCheckouts
        self.checkedInAt = checkedInAt
        self.checkedOutAt = checkedOutAt
    }

    /// The documents after one more event, keyed by stay id.
    public static func apply(_ documents: inout [String: GuestStayDetails], _ event: GuestStayEvent) {
        // TODO: switch over `event` and change the stay's document:
        // - GuestCheckedIn creates it (status checkedIn, no charges, balance 0, checkedInAt);
        // - ChargeRecorded appends a Charge and takes the balance down;
        // - PaymentRecorded adds to `paid` and takes the balance up;
        // - GuestCheckedOut sets the status and `checkedOutAt`;
        // - GuestCheckoutFailed counts one more failed checkout.
    }

    /// The projection that keeps the documents up to date from the global log.
    public static func projection() -> InMemoryProjection<[String: GuestStayDetails]> {
        let codec = GuestStayEvent.codec
        return InMemoryProjection(name: "guest_stay_details", handles: codec.eventTypes, initial: [:]) { documents, recorded in
            apply(&documents, try codec.decode(recorded).event)
        }
    }
}
