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
        // TODO: merge each pilot pair into one event:
        //   GuestCheckedIn v1 without "roomNumber", directly followed by RoomAssigned
        //   {"stayId", "roomNumber"} with the same metadata.correlationID
        //   -> one GuestCheckedIn v1 whose JSON has the room's "roomNumber".
        // Keep the check-in's id and metadata; give the merged event the streamVersion and
        // position of the RoomAssigned (the pair's last), or the stream's version no longer
        // matches the store. Every other event passes through untouched.
        recorded
    }
}
