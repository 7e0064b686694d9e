import EventSourcing

/// A guest's stay, as far as the hotel's rules need to know: is it open, and what is owed.
///
/// The state is not stored anywhere: it is what you get by replaying the stay's events through
/// `evolve`, from `initial`. That is why the events must be facts: the state can only be as
/// good as what they say.
public struct GuestStay: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable {
        case notOpened, checkedIn, checkedOut
    }

    public var status: Status
    /// Payments minus charges: negative means the guest owes the hotel, 0 means settled.
    public var balance: Int
    /// The ids of the charges and payments recorded so far, in order. A command that brings one
    /// of them again is the same charge sent again (a double click, a retry after a timeout),
    /// not a second one: `decide` answers it with nothing.
    public var chargeIDs: [String]
    public var paymentIDs: [String]
    /// The stay's currency: the one its first charge was recorded in (nil before any charge).
    /// The hotel bills a stay in one currency; payments carry no currency of their own and are
    /// taken in the stay's.
    public var currency: String?

    public init(status: Status, balance: Int, chargeIDs: [String] = [], paymentIDs: [String] = [], currency: String? = nil) {
        self.status = status
        self.balance = balance
        self.chargeIDs = chargeIDs
        self.paymentIDs = paymentIDs
        self.currency = currency
    }

    /// A stay before anything happened to it.
    public static let initial = GuestStay(status: .notOpened, balance: 0)

    /// The state after one more fact.
    ///
    /// `evolve` never refuses and never decides: the event already happened, so it is applied
    /// as it is (the rules live in `decide`).
    public static func evolve(_ state: GuestStay, _ event: GuestStayEvent) -> GuestStay {
        var state = state
        switch event {
        case .guestCheckedIn:
            state.status = .checkedIn
        case .chargeRecorded(let charge):
            // A charge is what the guest owes: it takes the balance down.
            state.balance -= charge.amount
            state.chargeIDs.append(charge.chargeID)
            if state.currency == nil { state.currency = charge.currency }
        case .paymentReceived(let payment):
            state.balance += payment.amount
            state.paymentIDs.append(payment.paymentID)
        case .guestCheckedOut:
            // The balance stays as it was (settled, or the decider would not have let them go):
            // a checkout is not a payment.
            state.status = .checkedOut
        case .guestCheckoutFailed:
            // Recorded for the people who follow up, but the guest is still in the hotel and
            // still owes the same: nothing changes.
            break
        }
        return state
    }

    /// The events a command leads to, given the stay so far; or the rule it breaks.
    ///
    /// `decide` only looks at the state and the command: no clock, no store, no ids of its own,
    /// so every rule can be checked with plain given/when/then.
    public static func decide(_ command: GuestStayCommand, _ state: GuestStay) throws -> [GuestStayEvent] {
        switch command {
        case .checkIn(let stayID, let guest, let roomNumber, let clerk, let now):
            switch state.status {
            case .notOpened:
                return [.guestCheckedIn(GuestCheckedIn(stayID: stayID, guest: guest, roomNumber: roomNumber, at: now, checkedInBy: clerk))]
            case .checkedIn:
                // The desk retried (a double click, a timeout): the guest is in, nothing to add.
                return []
            case .checkedOut:
                throw GuestStayError.stayClosed
            }

        case .recordCharge(let stayID, _, let chargeID, let amount, let currency, let now):
            // The same charge id is the same charge, sent again: it was recorded once, so nothing
            // more happens (the id is the charge's identity; the desk makes a new one per charge).
            if state.chargeIDs.contains(chargeID) { return [] }
            try requireOpen(state)
            guard amount > 0 else { throw GuestStayError.amountNotPositive }
            // One currency per stay: a balance that adds euros to dollars means nothing.
            if let stayCurrency = state.currency, stayCurrency != currency { throw GuestStayError.currencyMismatch }
            // The fact records what the desk charged, in the currency it charged in; the default
            // is only for charges stored before currencies existed.
            return [.chargeRecorded(ChargeRecorded(stayID: stayID, chargeID: chargeID, amount: amount, currency: currency, at: now))]

        case .recordPayment(let stayID, _, let paymentID, let amount, let method, let now):
            if state.paymentIDs.contains(paymentID) { return [] }
            try requireOpen(state)
            guard amount > 0 else { throw GuestStayError.amountNotPositive }
            return [.paymentReceived(PaymentReceived(stayID: stayID, paymentID: paymentID, amount: amount, method: method, receivedAt: now))]

        case .checkOut(let stayID, _, let now):
            switch state.status {
            case .notOpened:
                throw GuestStayError.stayNotOpened
            case .checkedOut:
                // Checking out twice is a retry, not a new fact: nothing happens, no error, so
                // the desk can safely repeat a request whose answer it never got.
                return []
            case .checkedIn:
                // Settled means exactly 0: a guest who paid too much is owed a refund first.
                // The failure is a fact too: the desk and Finance follow up on it.
                guard state.balance == 0 else {
                    return [.guestCheckoutFailed(GuestCheckoutFailed(stayID: stayID, reason: .balanceNotSettled, at: now))]
                }
                return [.guestCheckedOut(GuestCheckedOut(stayID: stayID, at: now))]
            }
        }
    }

    private static func requireOpen(_ state: GuestStay) throws {
        switch state.status {
        case .notOpened: throw GuestStayError.stayNotOpened
        case .checkedOut: throw GuestStayError.stayClosed
        case .checkedIn: return
        }
    }

    /// The stay's decider: what the command handler and the checks run.
    public static let decider = Decider<GuestStayCommand, GuestStayEvent, GuestStay>(
        initialState: .initial, evolve: evolve, decide: decide)
}
