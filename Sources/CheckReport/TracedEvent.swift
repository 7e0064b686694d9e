import EventSourcing
import Foundation

/// A recorded event with its full envelope and its payload as JSON, for the trace.
public struct TracedEvent: Codable, Sendable, Equatable {
    public var eventID: String
    public var streamID: String
    public var streamVersion: Int64
    public var position: Int64
    public var recordedAt: Date
    public var eventType: String
    public var schemaVersion: Int
    public var data: JSONValue
    public var metadata: EventMetadata

    public init(_ recorded: RecordedEvent) {
        eventID = recorded.eventID.uuidString.lowercased()
        streamID = recorded.streamID
        streamVersion = recorded.streamVersion
        position = recorded.position
        recordedAt = recorded.recordedAt
        eventType = recorded.eventType
        schemaVersion = recorded.schemaVersion
        data = (try? JSONValue(data: recorded.data)) ?? .string(String(decoding: recorded.data, as: UTF8.self))
        metadata = recorded.metadata
    }

    enum CodingKeys: String, CodingKey {
        case eventID = "event_id"
        case streamID = "stream_id"
        case streamVersion = "stream_version"
        case position
        case recordedAt = "recorded_at"
        case eventType = "event_type"
        case schemaVersion = "schema_version"
        case data, metadata
    }
}
