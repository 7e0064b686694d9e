/// Per stay: how much was charged and paid, and in how many events. Additive on purpose: it is
/// what finance reports look like, and it is what goes wrong first when an event is counted twice.
public struct FolioTotals: Sendable, Equatable, Codable {
    public var stayID: String
    public var charged: Int
    public var paid: Int
    public var charges: Int
    public var payments: Int

    public init(stayID: String, charged: Int = 0, paid: Int = 0, charges: Int = 0, payments: Int = 0) {
        self.stayID = stayID
        self.charged = charged
        self.paid = paid
        self.charges = charges
        self.payments = payments
    }

    /// The totals after one more event of this stay.
    public static func apply(_ totals: inout FolioTotals, _ event: GuestStayEvent) {
        switch event {
        case .chargeRecorded(let e):
            totals.charged += e.amount
            totals.charges += 1
        case .paymentRecorded(let e):
            totals.paid += e.amount
            totals.payments += 1
        case .guestCheckedIn, .guestCheckedOut, .guestCheckoutFailed:
            break
        }
    }
}

extension GuestStayEvent {
    /// The stay every event belongs to.
    public var stayID: String {
        switch self {
        case .guestCheckedIn(let e): e.stayID
        case .chargeRecorded(let e): e.stayID
        case .paymentRecorded(let e): e.stayID
        case .guestCheckedOut(let e): e.stayID
        case .guestCheckoutFailed(let e): e.stayID
        }
    }
}
