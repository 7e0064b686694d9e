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
    ///
    /// Only GuestCheckedIn creates a document: it is the only event that carries the guest and
    /// the room. The later events find the document by the stay id they carry, and an event for
    /// a stay without a document (one checked in before this read model existed, say) is
    /// ignored instead of inventing a half-empty document.
    public static func apply(_ documents: inout [String: GuestStayDetails], _ event: GuestStayEvent) {
        switch event {
        case .guestCheckedIn(let e):
            documents[e.stayID] = GuestStayDetails(
                stayID: e.stayID, guestID: e.guestID, roomNumber: e.roomNumber, status: .checkedIn, checkedInAt: e.at)
        case .chargeRecorded(let e):
            documents[e.stayID]?.charges.append(Charge(chargeID: e.chargeID, amount: e.amount))
            documents[e.stayID]?.balance -= e.amount
        case .paymentRecorded(let e):
            documents[e.stayID]?.paid += e.amount
            documents[e.stayID]?.balance += e.amount
        case .guestCheckedOut(let e):
            documents[e.stayID]?.status = .checkedOut
            documents[e.stayID]?.checkedOutAt = e.at
        case .guestCheckoutFailed(let e):
            // A refused checkout changes nothing about the stay; the count is for the desk.
            documents[e.stayID]?.failedCheckouts += 1
        }
    }

    /// The projection that keeps the documents up to date from the global log.
    public static func projection() -> InMemoryProjection<[String: GuestStayDetails]> {
        let codec = GuestStayEvent.codec
        return InMemoryProjection(name: "guest_stay_details", handles: codec.eventTypes, initial: [:]) { documents, recorded in
            apply(&documents, try codec.decode(recorded).event)
        }
    }
}
