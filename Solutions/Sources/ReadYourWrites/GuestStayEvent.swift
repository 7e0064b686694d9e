import Foundation

// The facts of a guest's stay. Each one says what happened, in the past tense, with the data
// that happened: nothing more, nothing derived (no "balance after" in a charge).
//
// Amounts are whole currency units to keep the workshop's arithmetic obvious; a real folio
// would use minor units (cents). Times come in through commands, so replays are deterministic.

/// The guest arrived and got a room: the stay is open.
public struct GuestCheckedIn: Codable, Sendable, Equatable {
    public var stayID: String
    public var guestID: String
    public var roomNumber: String
    public var at: Date

    public init(stayID: String, guestID: String, roomNumber: String, at: Date) {
        self.stayID = stayID
        self.guestID = guestID
        self.roomNumber = roomNumber
        self.at = at
    }

    enum CodingKeys: String, CodingKey {
        case stayID = "stayId", guestID = "guestId", roomNumber, at
    }
}

/// Something was put on the guest's folio: a night, a minibar item, a spa visit.
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

    enum CodingKeys: String, CodingKey {
        case stayID = "stayId", chargeID = "chargeId", amount, at
    }
}

/// The guest paid something towards the folio.
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

    enum CodingKeys: String, CodingKey {
        case stayID = "stayId", paymentID = "paymentId", amount, at
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
    case paymentRecorded(PaymentRecorded)
    case guestCheckedOut(GuestCheckedOut)
    case guestCheckoutFailed(GuestCheckoutFailed)
}

extension GuestStayEvent: CustomStringConvertible {
    /// The event in one short line, for check messages and logs.
    public var description: String {
        switch self {
        case .guestCheckedIn(let e): "GuestCheckedIn(stay \(e.stayID), guest \(e.guestID), room \(e.roomNumber), at \(e.at.timestamp))"
        case .chargeRecorded(let e): "ChargeRecorded(stay \(e.stayID), \(e.chargeID), amount \(e.amount), at \(e.at.timestamp))"
        case .paymentRecorded(let e): "PaymentRecorded(stay \(e.stayID), \(e.paymentID), amount \(e.amount), at \(e.at.timestamp))"
        case .guestCheckedOut(let e): "GuestCheckedOut(stay \(e.stayID), at \(e.at.timestamp))"
        case .guestCheckoutFailed(let e): "GuestCheckoutFailed(stay \(e.stayID), \(e.reason.rawValue), at \(e.at.timestamp))"
        }
    }
}

extension Date {
    /// ISO 8601 in UTC, e.g. 2026-03-14T14:00:00Z.
    var timestamp: String { ISO8601DateFormatter().string(from: self) }
}
