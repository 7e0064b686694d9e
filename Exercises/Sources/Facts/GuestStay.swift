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
    /// `evolve` never refuses and never decides: the event already happened, so apply it as it
    /// is. The rules (may this guest check out?) come in the next exercise, in `decide`.
    public static func evolve(_ state: GuestStay, _ event: GuestStayEvent) -> GuestStay {
        // TODO: v0 stored only the result (GuestStayUpdated's status and balance), so there was
        // nothing to compute. Now each event is a fact; work out what each one does to the stay:
        //   - GuestCheckedIn      opens the stay
        //   - ChargeRecorded      the guest owes `amount` more
        //   - PaymentRecorded     the guest paid `amount`
        //   - GuestCheckedOut     closes the stay
        //   - GuestCheckoutFailed (think: did anything change?)
        // Remember: balance = payments minus charges, so it is negative while the guest owes.
        return state
    }
}
