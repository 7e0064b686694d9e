import Foundation

/// An event ready to append: an encoded payload with its type, schema version and metadata.
///
/// The `eventID` makes appends idempotent: appending the same ids again (say, after a timeout
/// left the first attempt's outcome unknown) returns the first append's result instead of
/// writing the events twice. By default it is time-ordered (`UUID.timeOrdered()`), which keeps
/// a store's index of event ids cheap to write.
public struct EventData: Sendable, Hashable {
    public var eventID: UUID
    public var eventType: String
    public var schemaVersion: Int
    public var data: Data
    public var metadata: EventMetadata

    public init(eventID: UUID = .timeOrdered(), eventType: String, schemaVersion: Int = 1, data: Data, metadata: EventMetadata = EventMetadata()) {
        self.eventID = eventID
        self.eventType = eventType
        self.schemaVersion = schemaVersion
        self.data = data
        self.metadata = metadata
    }
}

/// An event as the store recorded it: the payload still encoded, plus where and when it landed.
public struct RecordedEvent: Sendable, Hashable {
    public var eventID: UUID
    public var streamID: String
    /// 1 for a stream's first event, contiguous within the stream.
    public var streamVersion: Int64
    /// Position in the global log: increasing in commit order, not necessarily contiguous.
    public var position: Int64
    public var recordedAt: Date
    public var eventType: String
    public var schemaVersion: Int
    public var data: Data
    public var metadata: EventMetadata

    public init(
        eventID: UUID, streamID: String, streamVersion: Int64, position: Int64, recordedAt: Date,
        eventType: String, schemaVersion: Int, data: Data, metadata: EventMetadata
    ) {
        self.eventID = eventID
        self.streamID = streamID
        self.streamVersion = streamVersion
        self.position = position
        self.recordedAt = recordedAt
        self.eventType = eventType
        self.schemaVersion = schemaVersion
        self.data = data
        self.metadata = metadata
    }
}

/// A decoded event with its envelope.
public struct EventEnvelope<Event> {
    public var event: Event
    public var eventID: UUID
    public var streamID: String
    public var streamVersion: Int64
    public var position: Int64
    public var recordedAt: Date
    public var eventType: String
    /// The schema version the event was stored with (before upcasting).
    public var storedSchemaVersion: Int
    public var metadata: EventMetadata

    public init(event: Event, recorded: RecordedEvent) {
        self.event = event
        eventID = recorded.eventID
        streamID = recorded.streamID
        streamVersion = recorded.streamVersion
        position = recorded.position
        recordedAt = recorded.recordedAt
        eventType = recorded.eventType
        storedSchemaVersion = recorded.schemaVersion
        metadata = recorded.metadata
    }
}

extension EventEnvelope: Sendable where Event: Sendable {}
extension EventEnvelope: Equatable where Event: Equatable {}
