import EventSourcing

/// Rewrites a stay's stored events, on read, into the stream today's code expects.
///
/// The pilot release (before v1 was even called v1) checked guests in with two events written
/// together under one correlation id: `GuestCheckedIn` without a room, then `RoomAssigned`
/// with it. Today a check-in is one event with its room. Upcasters rewrite one event at a time
/// and cannot see the pair, so this runs first, on the whole stream; the upcasters then take
/// the merged v1 check-in on to v2 as usual.
public enum StayStreamTransform {
    /// The stay's stored events with each pilot pair merged into one `GuestCheckedIn` v1.
    public static func apply(_ recorded: [RecordedEvent]) throws -> [RecordedEvent] {
        var result: [RecordedEvent] = []
        for event in recorded {
            if event.eventType == "RoomAssigned", let checkIn = result.last, isPilotCheckIn(checkIn),
               let correlationID = event.metadata.correlationID, correlationID == checkIn.metadata.correlationID {
                var merged = checkIn
                var json = try JSONValue(data: checkIn.data)
                json["roomNumber"] = try JSONValue(data: event.data)["roomNumber"] ?? .null
                merged.data = try json.encoded()
                // The merged event stands where the pair ended: the stream's last version must
                // stay the store's, or the next append (expected version = last version read)
                // conflicts forever. The id, time and metadata stay the check-in's.
                merged.streamVersion = event.streamVersion
                merged.position = event.position
                result[result.count - 1] = merged
            } else {
                // Everything else passes through untouched: a transform on read must be a no-op
                // on streams that do not need it.
                result.append(event)
            }
        }
        return result
    }

    /// A pilot check-in: GuestCheckedIn v1 that has no room yet.
    private static func isPilotCheckIn(_ event: RecordedEvent) -> Bool {
        guard event.eventType == "GuestCheckedIn", event.schemaVersion == 1,
              let json = try? JSONValue(data: event.data) else { return false }
        return json["roomNumber"] == nil
    }
}
