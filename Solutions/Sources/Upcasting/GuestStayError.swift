/// The stay's business rules, one case per rule a command can break. The description names the
/// rule and says it in words, so the front desk can show it as it is.
public enum GuestStayError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Charges, payments and check-outs need a stay that was checked in.
    case stayNotOpened
    /// A checked-out stay takes no more check-ins, charges or payments.
    case stayClosed
    /// Charges and payments are positive amounts; corrections are events of their own.
    case amountNotPositive
    /// A stay is billed in one currency: the one of its first charge.
    case currencyMismatch

    public var description: String {
        switch self {
        case .stayNotOpened: "stayNotOpened (this stay was never checked in)"
        case .stayClosed: "stayClosed (this stay is already checked out)"
        case .amountNotPositive: "amountNotPositive (the amount must be greater than 0)"
        case .currencyMismatch: "currencyMismatch (this stay is billed in another currency)"
        }
    }
}
