import EventSourcing
import Foundation

// A long stay's folio, kept in periods: one short stream per period, `folio-{stayId}-{period}`.
// Each period after the first opens from the summary that closed the one before it.

/// A period of the folio opened, carrying over what the previous period ended with.
public struct FolioOpened: Codable, Sendable, Equatable {
    public var stayID: String
    public var period: Int
    public var openingBalance: Int
    /// The stream whose summary this period opened from (nil for the first period).
    public var openedFrom: String?
    public var at: Date

    public init(stayID: String, period: Int, openingBalance: Int, openedFrom: String?, at: Date) {
        self.stayID = stayID
        self.period = period
        self.openingBalance = openingBalance
        self.openedFrom = openedFrom
        self.at = at
    }
}

public struct ChargeRecorded: Codable, Sendable, Equatable {
    public var stayID: String
    public var chargeID: String
    public var amount: Int
    public var at: Date

    public init(stayID: String, chargeID: String, amount: Int, at: Date) {
        self.stayID = stayID
        self.chargeID = chargeID
        self.amount = amount
        self.at = at
    }
}

public struct PaymentRecorded: Codable, Sendable, Equatable {
    public var stayID: String
    public var paymentID: String
    public var amount: Int
    public var at: Date

    public init(stayID: String, paymentID: String, amount: Int, at: Date) {
        self.stayID = stayID
        self.paymentID = paymentID
        self.amount = amount
        self.at = at
    }
}

/// The night audit closed the period: the summary of everything in it. After this event the
/// period's stream never changes again.
public struct FolioPeriodClosed: Codable, Sendable, Equatable {
    public var stayID: String
    public var period: Int
    public var openingBalance: Int
    public var charged: Int
    public var paid: Int
    public var closingBalance: Int
    public var at: Date

    public init(stayID: String, period: Int, openingBalance: Int, charged: Int, paid: Int, closingBalance: Int, at: Date) {
        self.stayID = stayID
        self.period = period
        self.openingBalance = openingBalance
        self.charged = charged
        self.paid = paid
        self.closingBalance = closingBalance
        self.at = at
    }
}

public enum FolioEvent: Sendable, Equatable {
    case folioOpened(FolioOpened)
    case chargeRecorded(ChargeRecorded)
    case paymentRecorded(PaymentRecorded)
    case folioPeriodClosed(FolioPeriodClosed)

    public static let codec: EventCodec<FolioEvent> = {
        var codec = EventCodec<FolioEvent>()
        codec.register(FolioOpened.self, as: "FolioOpened", embed: FolioEvent.folioOpened,
                       extract: { if case .folioOpened(let event) = $0 { event } else { nil } })
        codec.register(ChargeRecorded.self, as: "ChargeRecorded", embed: FolioEvent.chargeRecorded,
                       extract: { if case .chargeRecorded(let event) = $0 { event } else { nil } })
        codec.register(PaymentRecorded.self, as: "PaymentRecorded", embed: FolioEvent.paymentRecorded,
                       extract: { if case .paymentRecorded(let event) = $0 { event } else { nil } })
        codec.register(FolioPeriodClosed.self, as: "FolioPeriodClosed", embed: FolioEvent.folioPeriodClosed,
                       extract: { if case .folioPeriodClosed(let event) = $0 { event } else { nil } })
        return codec
    }()
}
