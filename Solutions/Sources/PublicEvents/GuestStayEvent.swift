import Foundation

// The facts of a guest's stay. Each one says what happened, in the past tense, with the data
// that happened: nothing more, nothing derived (no "balance after" in a charge).
//
// Amounts are whole currency units to keep the workshop's arithmetic obvious; a real folio
// would use minor units (cents). Times come in through commands, so replays are deterministic.

/// Who is staying: the guest's id, and their name when the desk recorded it.
public struct Guest: Codable, Sendable, Equatable {
    public var id: String
    /// Unknown (nil) for check-ins stored before v2: v1 never recorded it.
    public var name: String?

    public init(id: String, name: String?) {
        self.id = id
        self.name = name
    }
}

/// The guest arrived and got a room: the stay is open.
///
/// Schema v2. v1 (still in storage) had a flat `guestId` and no `checkedInBy`; the codec's
/// upcaster turns it into this shape on every read.
public struct GuestCheckedIn: Codable, Sendable, Equatable {
    public var stayID: String
    public var guest: Guest
    public var roomNumber: String
    public var at: Date
    /// The front-desk clerk who checked the guest in.
    public var checkedInBy: String

    public init(stayID: String, guest: Guest, roomNumber: String, at: Date, checkedInBy: String) {
        self.stayID = stayID
        self.guest = guest
        self.roomNumber = roomNumber
        self.at = at
        self.checkedInBy = checkedInBy
    }

    enum CodingKeys: String, CodingKey {
        case stayID = "stayId", guest, roomNumber, at, checkedInBy
    }
}

/// Something was put on the guest's folio: a night, a minibar item, a spa visit.
public struct ChargeRecorded: Codable, Sendable, Equatable {
    /// What charges recorded before the field existed were in: the hotel only billed euros then.
    public static let defaultCurrency = "EUR"

    public var stayID: String
    public var chargeID: String
    public var amount: Int
    /// ISO 4217 code, e.g. "EUR", "USD".
    public var currency: String
    public var at: Date

    public init(stayID: String, chargeID: String, amount: Int, currency: String = ChargeRecorded.defaultCurrency, at: Date) {
        self.stayID = stayID
        self.chargeID = chargeID
        self.amount = amount
        self.currency = currency
        self.at = at
    }

    enum CodingKeys: String, CodingKey {
        case stayID = "stayId", chargeID = "chargeId", amount, currency, at
    }

    /// Reads charges of every age. The stored events are immutable: the charges written before
    /// `currency` existed will be read by this code for as long as the hotel keeps its books,
    /// so the new field must be optional *in the JSON*. In Swift it is not optional: the gap is
    /// filled once, here, and no other code ever sees a charge without a currency.
    ///
    /// No new schema version is needed: old JSON is a valid new event with one field defaulted,
    /// and new JSON still carries every field old readers expect (they ignore `currency`).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        stayID = try container.decode(String.self, forKey: .stayID)
        chargeID = try container.decode(String.self, forKey: .chargeID)
        amount = try container.decode(Int.self, forKey: .amount)
        currency = try container.decodeIfPresent(String.self, forKey: .currency) ?? Self.defaultCurrency
        at = try container.decode(Date.self, forKey: .at)
    }
}

/// How a guest paid.
public enum PaymentMethod: String, Codable, Sendable {
    case card, cash, transfer
    /// Payments stored before the method was recorded.
    case unknown
}

/// The guest paid something towards the folio.
///
/// The new name of what was stored as `PaymentRecorded` v1 (with `at` instead of `receivedAt`,
/// and no method). Stored v1 events keep their old name; the codec reads them as
/// this type, and `FinanceFeed` turns this type back into the old shape for Finance.
public struct PaymentReceived: Codable, Sendable, Equatable {
    public var stayID: String
    public var paymentID: String
    public var amount: Int
    public var method: PaymentMethod
    public var receivedAt: Date

    public init(stayID: String, paymentID: String, amount: Int, method: PaymentMethod, receivedAt: Date) {
        self.stayID = stayID
        self.paymentID = paymentID
        self.amount = amount
        self.method = method
        self.receivedAt = receivedAt
    }

    enum CodingKeys: String, CodingKey {
        case stayID = "stayId", paymentID = "paymentId", amount, method, receivedAt
    }
}

/// The guest left with a settled folio: the stay is closed.
public struct GuestCheckedOut: Codable, Sendable, Equatable {
    public var stayID: String
    public var at: Date

    public init(stayID: String, at: Date) {
        self.stayID = stayID
        self.at = at
    }

    enum CodingKeys: String, CodingKey {
        case stayID = "stayId", at
    }
}

/// The guest tried to leave but could not: worth keeping (the front desk and Finance want to
/// know), yet it changes nothing about the stay.
public struct GuestCheckoutFailed: Codable, Sendable, Equatable {
    public enum Reason: String, Codable, Sendable {
        case balanceNotSettled
    }

    public var stayID: String
    public var reason: Reason
    public var at: Date

    public init(stayID: String, reason: Reason, at: Date) {
        self.stayID = stayID
        self.reason = reason
        self.at = at
    }

    enum CodingKeys: String, CodingKey {
        case stayID = "stayId", reason, at
    }
}

/// Everything that can happen to a guest's stay.
public enum GuestStayEvent: Sendable, Equatable {
    case guestCheckedIn(GuestCheckedIn)
    case chargeRecorded(ChargeRecorded)
    case paymentReceived(PaymentReceived)
    case guestCheckedOut(GuestCheckedOut)
    case guestCheckoutFailed(GuestCheckoutFailed)
}

extension GuestStayEvent: CustomStringConvertible {
    /// The event in one short line, for check messages and logs.
    public var description: String {
        switch self {
        case .guestCheckedIn(let e): "GuestCheckedIn(stay \(e.stayID), guest \(e.guest.id) named \(e.guest.name.map { "\"\($0)\"" } ?? "nil"), room \(e.roomNumber), by \(e.checkedInBy), at \(e.at.timestamp))"
        case .chargeRecorded(let e): "ChargeRecorded(stay \(e.stayID), \(e.chargeID), amount \(e.amount) \(e.currency), at \(e.at.timestamp))"
        case .paymentReceived(let e): "PaymentReceived(stay \(e.stayID), \(e.paymentID), amount \(e.amount), \(e.method.rawValue), at \(e.receivedAt.timestamp))"
        case .guestCheckedOut(let e): "GuestCheckedOut(stay \(e.stayID), at \(e.at.timestamp))"
        case .guestCheckoutFailed(let e): "GuestCheckoutFailed(stay \(e.stayID), \(e.reason.rawValue), at \(e.at.timestamp))"
        }
    }
}

extension Date {
    /// ISO 8601 in UTC, e.g. 2026-03-14T14:00:00Z.
    var timestamp: String { ISO8601DateFormatter().string(from: self) }
}
