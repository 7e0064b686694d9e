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
        // TODO: this marks the room dirty and sends a team every time the message arrives.
        // Make it an inbox: in the same transaction, skip the message if its id is in
        // `tables.inbox`, and record the id (`tables.inbox[message.messageID] = now`) when you
        // process it. Messages of other types or versions: record the id and skip them.
        try database.transaction { tables in
            guard message.eventType == GuestStayCompletedV1.eventType, message.schemaVersion == 1 else { return }
            let stay = try GuestStayCompletedV1.decode(message.payload)
            var room = tables.rooms[stay.roomNumber] ?? HousekeepingDatabase.Room(roomNumber: stay.roomNumber, status: .clean)
            room.status = .dirty
            room.dirtySince = stay.checkedOutAt
            room.timesMarkedDirty += 1
            tables.rooms[stay.roomNumber] = room
            tables.cleaningTasks.append(HousekeepingDatabase.CleaningTask(roomNumber: stay.roomNumber, stayID: stay.stayID, createdAt: now))
        }
    }
}
