import EventSourcing

/// An event store whose stay streams, and global log, are read through `StayStreamTransform`.
/// Appends and everything else go to the wrapped store unchanged.
///
/// Decorating the store keeps the transform in one place: the command handler, and anything
/// else that loads a stay, reads the transformed stream without knowing it. The global log is
/// transformed too, or every projection fed from it would still meet the pilot's pairs: a
/// transformation on read must hold for every reader, not only for the one that loads a stay.
public struct TransformOnReadStore: EventStore {
    public let base: any EventStore

    public init(base: any EventStore) {
        self.base = base
    }

    public func readStream(_ streamID: String, from version: Int64?, direction: ReadDirection, limit: Int) throws -> [RecordedEvent] {
        guard streamID.hasPrefix("guest_stay-"), version == nil, direction == .forward, limit == Int.max else {
            return try base.readStream(streamID, from: version, direction: direction, limit: limit)
        }
        return try StayStreamTransform.apply(base.readStream(streamID, from: nil, direction: .forward, limit: Int.max))
    }

    public func append(to streamID: String, expected: ExpectedVersion, events: [EventData], outbox: [OutboxMessage]) throws -> AppendResult {
        try base.append(to: streamID, expected: expected, events: events, outbox: outbox)
    }

    /// The global log with each pilot pair merged. The pilot wrote a pair in one append, so its
    /// two events sit next to each other in the log; a page that ends between them reads one
    /// event more, so a pair is never split across pages (a reader continues after the merged
    /// event's position, the position of the pair's last event).
    public func readAll(after position: Int64, limit: Int) throws -> [RecordedEvent] {
        var page = try base.readAll(after: position, limit: limit)
        if let last = page.last, last.eventType == "GuestCheckedIn" {
            page += try base.readAll(after: last.position, limit: 1)
        }
        return try StayStreamTransform.apply(page)
    }

    public func streamState(_ streamID: String) throws -> StreamState { try base.streamState(streamID) }
    public func headPosition() throws -> Int64 { try base.headPosition() }
    public func pendingOutbox(limit: Int) throws -> [PendingMessage] { try base.pendingOutbox(limit: limit) }
    public func markDelivered(sequences: [Int64]) throws { try base.markDelivered(sequences: sequences) }
    public func recordFailedDelivery(sequences: [Int64]) throws { try base.recordFailedDelivery(sequences: sequences) }
}
