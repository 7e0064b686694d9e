import EventSourcing
import Foundation

/// What the front desk (or a process) asks of a stay.
public enum GuestStayCommand: Sendable, Equatable {
    case checkIn(stayID: String, guestID: String, roomNumber: String, now: Date)
    case recordCharge(stayID: String, chargeID: String, amount: Int, now: Date)
    case recordPayment(stayID: String, paymentID: String, amount: Int, now: Date)
    /// `groupCheckoutID` is set when a group checkout asked for it, and copied into the outcome.
    case checkOutGuest(stayID: String, groupCheckoutID: String?, now: Date)

    public var stayID: String {
        switch self {
        case .checkIn(let stayID, _, _, _), .recordCharge(let stayID, _, _, _),
             .recordPayment(let stayID, _, _, _), .checkOutGuest(let stayID, _, _):
            stayID
        }
    }
}

/// The stay's rules: the decider from the modelling stage.
public struct GuestStay: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable {
        case notOpened, checkedIn, checkedOut
    }

    public var status: Status
    /// Payments minus charges: 0 means settled.
    public var balance: Int
    /// Charge and payment ids already recorded: the same id again is a retry (the decider stage's rule).
    public var chargeIDs: [String] = []
    public var paymentIDs: [String] = []

    public static let initial = GuestStay(status: .notOpened, balance: 0)

    public static func streamID(_ stayID: String) -> String { "guest_stay-\(stayID)" }

    public static func evolve(_ state: GuestStay, _ event: GuestStayEvent) -> GuestStay {
        var state = state
        switch event {
        case .guestCheckedIn: state.status = .checkedIn
        case .chargeRecorded(let e): state.balance -= e.amount; state.chargeIDs.append(e.chargeID)
        case .paymentReceived(let e): state.balance += e.amount; state.paymentIDs.append(e.paymentID)
        case .guestCheckedOut: state.status = .checkedOut
        case .guestCheckoutFailed: break
        }
        return state
    }

    public static func decide(_ command: GuestStayCommand, _ state: GuestStay) throws -> [GuestStayEvent] {
        switch command {
        case .checkIn(let stayID, let guestID, let roomNumber, let now):
            guard state.status == .notOpened else { return [] }
            return [.guestCheckedIn(GuestCheckedIn(stayID: stayID, guestID: guestID, roomNumber: roomNumber, at: now))]
        case .recordCharge(let stayID, let chargeID, let amount, let now):
            if state.chargeIDs.contains(chargeID) { return [] }
            guard state.status == .checkedIn else { throw GuestStayError.stayNotOpen }
            return [.chargeRecorded(ChargeRecorded(stayID: stayID, chargeID: chargeID, amount: amount, at: now))]
        case .recordPayment(let stayID, let paymentID, let amount, let now):
            if state.paymentIDs.contains(paymentID) { return [] }
            guard state.status == .checkedIn else { throw GuestStayError.stayNotOpen }
            return [.paymentReceived(PaymentReceived(stayID: stayID, paymentID: paymentID, amount: amount, receivedAt: now))]
        case .checkOutGuest(let stayID, let groupCheckoutID, let now):
            switch state.status {
            case .notOpened: throw GuestStayError.stayNotOpen
            case .checkedOut: return []
            case .checkedIn:
                guard state.balance == 0 else {
                    return [.guestCheckoutFailed(GuestCheckoutFailed(stayID: stayID, groupCheckoutID: groupCheckoutID, at: now))]
                }
                return [.guestCheckedOut(GuestCheckedOut(stayID: stayID, groupCheckoutID: groupCheckoutID, at: now))]
            }
        }
    }

    public static let decider = Decider<GuestStayCommand, GuestStayEvent, GuestStay>(
        initialState: .initial, evolve: evolve, decide: decide)
}

/// The stay's business rules.
public enum GuestStayError: Error, Sendable, Equatable, CustomStringConvertible {
    case stayNotOpen

    public var description: String { "stayNotOpen (the stay is not checked in)" }
}

extension GuestStayCommand: CustomStringConvertible {
    /// The command in one short line, for the message log and check messages.
    public var description: String {
        switch self {
        case .checkIn(let stayID, let guestID, let room, _): "CheckIn \(stayID) (guest \(guestID), room \(room))"
        case .recordCharge(let stayID, let chargeID, let amount, _): "RecordCharge \(stayID) \(chargeID) \(amount)"
        case .recordPayment(let stayID, let paymentID, let amount, _): "RecordPayment \(stayID) \(paymentID) \(amount)"
        case .checkOutGuest(let stayID, let group, let now): "CheckOutGuest \(stayID) (group \(group ?? "none"), at \(now.timestamp))"
        }
    }
}

extension Date {
    /// ISO 8601 in UTC, e.g. 2026-03-15T09:00:00Z.
    var timestamp: String { ISO8601DateFormatter().string(from: self) }
}
