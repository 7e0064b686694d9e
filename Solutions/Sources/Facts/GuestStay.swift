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

    public init(status: Status, balance: Int) {
        self.status = status
        self.balance = balance
    }

    /// A stay before anything happened to it.
    public static let initial = GuestStay(status: .notOpened, balance: 0)

    /// The state after one more fact.
    ///
    /// `evolve` never refuses and never decides: the event already happened, so it is applied
    /// as it is (the rules live in `decide`, in the next exercise).
    public static func evolve(_ state: GuestStay, _ event: GuestStayEvent) -> GuestStay {
        var state = state
        switch event {
        case .guestCheckedIn:
            state.status = .checkedIn
        case .chargeRecorded(let charge):
            // A charge is what the guest owes: it takes the balance down.
            state.balance -= charge.amount
        case .paymentRecorded(let payment):
            state.balance += payment.amount
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
}
