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
            // TODO: close an open period with one FolioPeriodClosed summary (opening balance,
            // charged, paid, closing balance = state.balance). A period closed already: [].
            // A period never opened: throw FolioError.periodNotOpen.
            _ = now
            return []
        }
    }

    public static let decider = Decider<FolioCommand, FolioEvent, Folio>(initialState: Folio(), evolve: evolve, decide: decide)
}
