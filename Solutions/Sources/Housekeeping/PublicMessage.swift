import Foundation

/// A message another module published: a type, a version, JSON, and an id to deduplicate by.
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
}

/// Housekeeping's own reading of the stay team's public contract, GuestStayCompleted v1. Only
/// the fields Housekeeping uses: a consumer depends on as little of a contract as it can.
public struct GuestStayCompletedV1: Decodable, Sendable, Equatable {
    public static let eventType = "GuestStayCompleted"

    public var stayID: String
    public var roomNumber: String
    public var checkedOutAt: Date

    enum CodingKeys: String, CodingKey {
        case stayID = "stayId", roomNumber, checkedOutAt
    }

    public static func decode(_ payload: Data) throws -> GuestStayCompletedV1 {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(GuestStayCompletedV1.self, from: payload)
    }
}
