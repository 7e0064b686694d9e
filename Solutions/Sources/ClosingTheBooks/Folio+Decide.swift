import EventSourcing
import Foundation

extension Folio {
    public static func decide(_ command: FolioCommand, _ state: Folio) throws -> [FolioEvent] {
        switch command {
        case .recordCharge(let chargeID, let amount, let now):
            if state.chargeIDs.contains(chargeID) { return [] }
            guard state.status == .open else { throw FolioError.periodNotOpen }
            return [.chargeRecorded(ChargeRecorded(stayID: state.stayID, chargeID: chargeID, amount: amount, at: now))]
        case .recordPayment(let paymentID, let amount, let now):
            if state.paymentIDs.contains(paymentID) { return [] }
            guard state.status == .open else { throw FolioError.periodNotOpen }
            return [.paymentRecorded(PaymentRecorded(stayID: state.stayID, paymentID: paymentID, amount: amount, at: now))]
        case .closePeriod(let now):
            switch state.status {
            case .notOpened:
                throw FolioError.periodNotOpen
            case .closed:
                // The audit ran twice (a retry, a second scheduler): the books are closed
                // already, and a second summary would double every total downstream.
                return []
            case .open:
                // The summary carries everything the next period and Finance need, so nobody
                // ever has to read this period's events again.
                return [.folioPeriodClosed(FolioPeriodClosed(
                    stayID: state.stayID, period: state.period, openingBalance: state.openingBalance,
                    charged: state.charged, paid: state.paid, closingBalance: state.balance, at: now))]
            }
        }
    }

    public static let decider = Decider<FolioCommand, FolioEvent, Folio>(initialState: Folio(), evolve: evolve, decide: decide)
}
