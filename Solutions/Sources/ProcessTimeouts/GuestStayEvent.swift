import EventSourcing
import Foundation

// The facts of a guest's stay, as the versioning stage left them, trimmed to what group
// checkouts need. New here: a checkout started by a group checkout says which group, so the
// answer can find its way back.

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

/// Something was put on the guest's folio.
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
public struct PaymentReceived: Codable, Sendable, Equatable {
    public var stayID: String
    public var paymentID: String
    public var amount: Int
    public var receivedAt: Date

    public init(stayID: String, paymentID: String, amount: Int, receivedAt: Date) {
        self.stayID = stayID
        self.paymentID = paymentID
        self.amount = amount
        self.receivedAt = receivedAt
    }

    enum CodingKeys: String, CodingKey {
        case stayID = "stayId", paymentID = "paymentId", amount, receivedAt
    }
}

/// The guest left with a settled folio.
public struct GuestCheckedOut: Codable, Sendable, Equatable {
    public var stayID: String
    /// The group checkout that asked for this checkout, nil when the guest left on their own.
    public var groupCheckoutID: String?
    public var at: Date

    public init(stayID: String, groupCheckoutID: String?, at: Date) {
        self.stayID = stayID
        self.groupCheckoutID = groupCheckoutID
        self.at = at
    }

    enum CodingKeys: String, CodingKey {
        case stayID = "stayId", groupCheckoutID = "groupCheckoutId", at
    }
}

/// The guest tried to leave but the folio is not settled.
public struct GuestCheckoutFailed: Codable, Sendable, Equatable {
    public var stayID: String
    public var groupCheckoutID: String?
    public var at: Date

    public init(stayID: String, groupCheckoutID: String?, at: Date) {
        self.stayID = stayID
        self.groupCheckoutID = groupCheckoutID
        self.at = at
    }

    enum CodingKeys: String, CodingKey {
        case stayID = "stayId", groupCheckoutID = "groupCheckoutId", at
    }
}

/// Everything that can happen to a guest's stay.
public enum GuestStayEvent: Sendable, Equatable {
    case guestCheckedIn(GuestCheckedIn)
    case chargeRecorded(ChargeRecorded)
    case paymentReceived(PaymentReceived)
    case guestCheckedOut(GuestCheckedOut)
    case guestCheckoutFailed(GuestCheckoutFailed)

    public static let codec: EventCodec<GuestStayEvent> = {
        var codec = EventCodec<GuestStayEvent>()
        codec.register(GuestCheckedIn.self, as: "GuestCheckedIn", embed: GuestStayEvent.guestCheckedIn,
                       extract: { if case .guestCheckedIn(let event) = $0 { event } else { nil } })
        codec.register(ChargeRecorded.self, as: "ChargeRecorded", embed: GuestStayEvent.chargeRecorded,
                       extract: { if case .chargeRecorded(let event) = $0 { event } else { nil } })
        codec.register(PaymentReceived.self, as: "PaymentReceived", embed: GuestStayEvent.paymentReceived,
                       extract: { if case .paymentReceived(let event) = $0 { event } else { nil } })
        codec.register(GuestCheckedOut.self, as: "GuestCheckedOut", embed: GuestStayEvent.guestCheckedOut,
                       extract: { if case .guestCheckedOut(let event) = $0 { event } else { nil } })
        codec.register(GuestCheckoutFailed.self, as: "GuestCheckoutFailed", embed: GuestStayEvent.guestCheckoutFailed,
                       extract: { if case .guestCheckoutFailed(let event) = $0 { event } else { nil } })
        return codec
    }()
}
