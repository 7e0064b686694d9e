import Foundation

/// What the front desk asks of a stay. Each command carries the time and the ids it needs, so
/// `decide` stays pure: the same command on the same state always gives the same events.
///
/// Every command names the guest as well as the stay: v0 kept one stream per guest and needed
/// the guest to find it; the front desk still sends both.
public enum GuestStayCommand: Sendable, Equatable {
    case checkIn(stayID: String, guest: Guest, roomNumber: String, clerk: String, now: Date)
    case recordCharge(stayID: String, guestID: String, chargeID: String, amount: Int, currency: String, now: Date)
    case recordPayment(stayID: String, guestID: String, paymentID: String, amount: Int, method: PaymentMethod, now: Date)
    case checkOut(stayID: String, guestID: String, now: Date)

    public var stayID: String {
        switch self {
        case .checkIn(let stayID, _, _, _, _), .recordCharge(let stayID, _, _, _, _, _),
             .recordPayment(let stayID, _, _, _, _, _), .checkOut(let stayID, _, _):
            stayID
        }
    }

    public var guestID: String {
        switch self {
        case .checkIn(_, let guest, _, _, _):
            guest.id
        case .recordCharge(_, let guestID, _, _, _, _),
             .recordPayment(_, let guestID, _, _, _, _), .checkOut(_, let guestID, _):
            guestID
        }
    }
}
