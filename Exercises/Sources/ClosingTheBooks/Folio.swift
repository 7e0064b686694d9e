import EventSourcing
import Foundation

/// One period of a folio: what the rules need to know.
public struct Folio: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable {
        case notOpened, open, closed
    }

    public var stayID: String
    public var period: Int
    public var status: Status
    public var openingBalance: Int
    public var charged: Int
    public var paid: Int
    /// The ids of this period's charges and payments: the same id again is a retry, not a new
    /// charge (the decider stage's rule). A simplification: ids are remembered per period, so a
    /// retry that arrives after the night audit closed the period would be refused (the period
    /// is closed), not recognised.
    public var chargeIDs: [String] = []
    public var paymentIDs: [String] = []

    public init(stayID: String = "", period: Int = 0, status: Status = .notOpened, openingBalance: Int = 0, charged: Int = 0, paid: Int = 0) {
        self.stayID = stayID
        self.period = period
        self.status = status
        self.openingBalance = openingBalance
        self.charged = charged
        self.paid = paid
    }

    /// Opening balance, plus payments, minus charges: negative means the guest owes.
    public var balance: Int { openingBalance + paid - charged }

    public static func streamID(stayID: String, period: Int) -> String { "folio-\(stayID)-\(period)" }

    public static func evolve(_ state: Folio, _ event: FolioEvent) -> Folio {
        var state = state
        switch event {
        case .folioOpened(let e):
            state = Folio(stayID: e.stayID, period: e.period, status: .open, openingBalance: e.openingBalance)
        case .chargeRecorded(let e):
            state.charged += e.amount
            state.chargeIDs.append(e.chargeID)
        case .paymentRecorded(let e):
            state.paid += e.amount
            state.paymentIDs.append(e.paymentID)
        case .folioPeriodClosed:
            state.status = .closed
        }
        return state
    }
}

public enum FolioCommand: Sendable, Equatable {
    case recordCharge(chargeID: String, amount: Int, now: Date)
    case recordPayment(paymentID: String, amount: Int, now: Date)
    case closePeriod(now: Date)
}

public enum FolioError: Error, Sendable, Equatable, CustomStringConvertible {
    case periodNotOpen

    public var description: String { "periodNotOpen (this folio period is not open: it was never opened, or the night audit closed it)" }
}
