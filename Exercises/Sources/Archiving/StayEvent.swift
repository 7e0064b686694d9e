import EventSourcing
import Foundation

// A stay's events, in `guest_stay-{stayId}`, and the summary an archived stay leaves behind, in
// `archived_stay-{stayId}`. The stored JSON is the hotel's public shape (`stayId`, `guestId`, ...,
// as in Exercises/Golden), and the codec reads every version the seeded year holds, so the same
// code archives the checks' small hotel and `workshop seed`'s million events.

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

    // Stored as version 2 (since day 120 of the seeded year): the guest is an object. Version 1
    // (`guestId`) is upcast on read, see `StayEvent.codec`.
    private enum CodingKeys: String, CodingKey { case stayID = "stayId", guest, roomNumber, at }
    private struct Guest: Codable { var id: String }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        stayID = try container.decode(String.self, forKey: .stayID)
        guestID = try container.decode(Guest.self, forKey: .guest).id
        roomNumber = try container.decode(String.self, forKey: .roomNumber)
        at = try container.decode(Date.self, forKey: .at)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(stayID, forKey: .stayID)
        try container.encode(Guest(id: guestID), forKey: .guest)
        try container.encode(roomNumber, forKey: .roomNumber)
        try container.encode(at, forKey: .at)
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

    private enum CodingKeys: String, CodingKey { case stayID = "stayId", chargeID = "chargeId", amount, at }
}

/// A payment, under the name the hotel has used since day 200 of the seeded year. Payments
/// stored before then are `PaymentRecorded`, with the same JSON; the codec reads them as this.
public struct PaymentReceived: Codable, Sendable, Equatable {
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

    private enum CodingKeys: String, CodingKey { case stayID = "stayId", paymentID = "paymentId", amount, at }
}

public struct GuestCheckedOut: Codable, Sendable, Equatable {
    public var stayID: String
    public var at: Date

    public init(stayID: String, at: Date) {
        self.stayID = stayID
        self.at = at
    }

    private enum CodingKeys: String, CodingKey { case stayID = "stayId", at }
}

/// A checkout refused because the folio was not settled; the stay stays open.
public struct GuestCheckoutFailed: Codable, Sendable, Equatable {
    public var stayID: String
    public var reason: String
    public var at: Date

    public init(stayID: String, reason: String, at: Date) {
        self.stayID = stayID
        self.reason = reason
        self.at = at
    }

    private enum CodingKeys: String, CodingKey { case stayID = "stayId", reason, at }
}

/// What stays in the hot log when a stay moves to cold storage: everything Finance, reports and
/// any read model rebuilt from position 0 need to know about the stay, in one event.
public struct StayArchived: Codable, Sendable, Equatable {
    public var stayID: String
    public var guestID: String
    public var roomNumber: String
    public var checkedInAt: Date
    public var checkedOutAt: Date
    public var charged: Int
    public var paid: Int
    /// Paid minus charged: negative means the guest still owes.
    public var balance: Int
    /// How many events the stay's stream had when it was archived.
    public var eventCount: Int
    /// The version the stream was archived at: read it back with `readArchivedStream`.
    public var lastVersion: Int64
    public var archivedAt: Date

    public init(
        stayID: String, guestID: String, roomNumber: String, checkedInAt: Date, checkedOutAt: Date,
        charged: Int, paid: Int, balance: Int, eventCount: Int, lastVersion: Int64, archivedAt: Date
    ) {
        self.stayID = stayID
        self.guestID = guestID
        self.roomNumber = roomNumber
        self.checkedInAt = checkedInAt
        self.checkedOutAt = checkedOutAt
        self.charged = charged
        self.paid = paid
        self.balance = balance
        self.eventCount = eventCount
        self.lastVersion = lastVersion
        self.archivedAt = archivedAt
    }

    private enum CodingKeys: String, CodingKey {
        case stayID = "stayId", guestID = "guestId", roomNumber, checkedInAt, checkedOutAt, charged, paid, balance
        case eventCount, lastVersion, archivedAt
    }

    /// The short stream holding the summary: one event, ever.
    public static func streamID(stayID: String) -> String { "archived_stay-\(stayID)" }
}

public enum StayEvent: Sendable, Equatable {
    case guestCheckedIn(GuestCheckedIn)
    case chargeRecorded(ChargeRecorded)
    case paymentReceived(PaymentReceived)
    case guestCheckedOut(GuestCheckedOut)
    case checkoutFailed(GuestCheckoutFailed)
    case stayArchived(StayArchived)

    public static func streamID(stayID: String) -> String { "guest_stay-\(stayID)" }

    public static let codec: EventCodec<StayEvent> = {
        var codec = EventCodec<StayEvent>()
        codec.register(GuestCheckedIn.self, as: "GuestCheckedIn", version: 2, embed: StayEvent.guestCheckedIn,
                       extract: { if case .guestCheckedIn(let event) = $0 { event } else { nil } })
        // v1 (before day 120 of the seeded year) had `guestId`; v2 has `guest: {id, name}`.
        codec.upcast("GuestCheckedIn", from: 1) { json, _ in
            guard case .object(var fields) = json, let guest = fields.removeValue(forKey: "guestId") else { return json }
            fields["guest"] = .object(["id": guest])
            return .object(fields)
        }
        codec.register(ChargeRecorded.self, as: "ChargeRecorded", embed: StayEvent.chargeRecorded,
                       extract: { if case .chargeRecorded(let event) = $0 { event } else { nil } })
        codec.register(PaymentReceived.self, as: "PaymentReceived", embed: StayEvent.paymentReceived,
                       extract: { if case .paymentReceived(let event) = $0 { event } else { nil } })
        // Payments were renamed `PaymentReceived` on day 200 of the seeded year (the renaming
        // exercise's change). The seeded history kept the JSON as it was (`at`, no method), so
        // the old name maps to the new one with the JSON unchanged; new code only knows the new name.
        codec.rename("PaymentRecorded", to: "PaymentReceived")
        codec.register(GuestCheckedOut.self, as: "GuestCheckedOut", embed: StayEvent.guestCheckedOut,
                       extract: { if case .guestCheckedOut(let event) = $0 { event } else { nil } })
        codec.register(GuestCheckoutFailed.self, as: "GuestCheckoutFailed", embed: StayEvent.checkoutFailed,
                       extract: { if case .checkoutFailed(let event) = $0 { event } else { nil } })
        codec.register(StayArchived.self, as: "StayArchived", embed: StayEvent.stayArchived,
                       extract: { if case .stayArchived(let event) = $0 { event } else { nil } })
        return codec
    }()
}
