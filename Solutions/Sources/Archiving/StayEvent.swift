import EventSourcing
import Foundation

// A stay's events, in `guest_stay-{stayId}`, and the summary an archived stay leaves behind, in
// `archived_stay-{stayId}`.

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

public struct GuestCheckedOut: Codable, Sendable, Equatable {
    public var stayID: String
    public var at: Date

    public init(stayID: String, at: Date) {
        self.stayID = stayID
        self.at = at
    }
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

    /// The short stream holding the summary: one event, ever.
    public static func streamID(stayID: String) -> String { "archived_stay-\(stayID)" }
}

public enum StayEvent: Sendable, Equatable {
    case guestCheckedIn(GuestCheckedIn)
    case chargeRecorded(ChargeRecorded)
    case paymentRecorded(PaymentRecorded)
    case guestCheckedOut(GuestCheckedOut)
    case stayArchived(StayArchived)

    public static func streamID(stayID: String) -> String { "guest_stay-\(stayID)" }

    public static let codec: EventCodec<StayEvent> = {
        var codec = EventCodec<StayEvent>()
        codec.register(GuestCheckedIn.self, as: "GuestCheckedIn", embed: StayEvent.guestCheckedIn,
                       extract: { if case .guestCheckedIn(let event) = $0 { event } else { nil } })
        codec.register(ChargeRecorded.self, as: "ChargeRecorded", embed: StayEvent.chargeRecorded,
                       extract: { if case .chargeRecorded(let event) = $0 { event } else { nil } })
        codec.register(PaymentRecorded.self, as: "PaymentRecorded", embed: StayEvent.paymentRecorded,
                       extract: { if case .paymentRecorded(let event) = $0 { event } else { nil } })
        codec.register(GuestCheckedOut.self, as: "GuestCheckedOut", embed: StayEvent.guestCheckedOut,
                       extract: { if case .guestCheckedOut(let event) = $0 { event } else { nil } })
        codec.register(StayArchived.self, as: "StayArchived", embed: StayEvent.stayArchived,
                       extract: { if case .stayArchived(let event) = $0 { event } else { nil } })
        return codec
    }()
}
