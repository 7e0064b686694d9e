import Foundation

/// The hotel's public event: a stay is over. Housekeeping, Finance, the loyalty programme and
/// the data warehouse subscribe to it. It is a contract with other teams, so it is designed for
/// them and versioned on its own: `GuestStayCompleted` v1 changes only by adding optional
/// fields; anything else is a v2, published next to v1 until every subscriber moved.
///
/// Nothing here is an internal type: no `GuestStayEvent`, no `PaymentReceived`, no internal
/// field names. Internal events change whenever the stay's model does (you renamed one in the
/// versioning stage); this shape must not.
public struct GuestStayCompleted: Codable, Sendable, Equatable {
    public static let eventType = "GuestStayCompleted"
    public static let schemaVersion = 1

    public var stayID: String
    public var guestID: String
    public var roomNumber: String
    public var checkedInAt: Date
    public var checkedOutAt: Date
    /// Everything charged during the stay, in whole currency units.
    public var totalCharged: Int
    /// Everything paid during the stay.
    public var totalPaid: Int

    public init(stayID: String, guestID: String, roomNumber: String, checkedInAt: Date, checkedOutAt: Date, totalCharged: Int, totalPaid: Int) {
        self.stayID = stayID
        self.guestID = guestID
        self.roomNumber = roomNumber
        self.checkedInAt = checkedInAt
        self.checkedOutAt = checkedOutAt
        self.totalCharged = totalCharged
        self.totalPaid = totalPaid
    }

    enum CodingKeys: String, CodingKey {
        case stayID = "stayId", guestID = "guestId", roomNumber, checkedInAt, checkedOutAt, totalCharged, totalPaid
    }

    /// The public message for this stay. Its id is derived from the stay, so every copy (a
    /// retry, a republish after a rebuild) has the same id and subscribers can deduplicate.
    public func message() throws -> PublicMessage {
        let encoder = JSONEncoder()
        // Dates as ISO 8601 text: other teams' languages parse that, not Foundation's
        // seconds-since-2001. Sorted keys: the same event is always the same bytes.
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return PublicMessage(messageID: "\(Self.eventType)-\(stayID)", eventType: Self.eventType,
                             schemaVersion: Self.schemaVersion, payload: try encoder.encode(self))
    }
}

/// A message published to other modules: a type, a version, JSON, and an id to deduplicate by.
public struct PublicMessage: Sendable, Equatable {
    public var messageID: String
    public var eventType: String
    public var schemaVersion: Int
    public var payload: Data

    public init(messageID: String, eventType: String, schemaVersion: Int, payload: Data) {
        self.messageID = messageID
        self.eventType = eventType
        self.schemaVersion = schemaVersion
        self.payload = payload
    }

    public var json: String { String(decoding: payload, as: UTF8.self) }
}
