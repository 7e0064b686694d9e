import Foundation

/// Where the hotel's public events enter Housekeeping. Delivery is at least once, so the same
/// message may come twice, or ten times, or again after a housekeeper already cleaned the room.
public struct HousekeepingInbox {
    public let database: HousekeepingDatabase

    public init(database: HousekeepingDatabase) {
        self.database = database
    }

    /// Processes one message, once: a repeated message id changes nothing.
    public func receive(_ message: PublicMessage, now: Date) throws {
        // One transaction for the check, the change and the id: if the commit fails, none of
        // them happened and the redelivery starts from scratch; if it succeeds, all did, and the
        // redelivery finds the id. Two transactions (id first, change second, or the other way)
        // leave a gap where a failure loses the change or doubles it.
        try database.transaction { tables in
            // Already processed. Not "is the room dirty?": a housekeeper may have cleaned it since,
            // and the old message must not undo their work.
            guard tables.inbox[message.messageID] == nil else { return }
            // Only the contract version we understand; other messages are recorded and skipped,
            // so they are not redelivered for ever.
            if message.eventType == GuestStayCompletedV1.eventType, message.schemaVersion == 1 {
                let stay = try GuestStayCompletedV1.decode(message.payload)
                var room = tables.rooms[stay.roomNumber] ?? HousekeepingDatabase.Room(roomNumber: stay.roomNumber, status: .clean)
                room.status = .dirty
                room.dirtySince = stay.checkedOutAt
                room.timesMarkedDirty += 1
                tables.rooms[stay.roomNumber] = room
                tables.cleaningTasks.append(HousekeepingDatabase.CleaningTask(roomNumber: stay.roomNumber, stayID: stay.stayID, createdAt: now))
            }
            tables.inbox[message.messageID] = now
        }
    }
}
