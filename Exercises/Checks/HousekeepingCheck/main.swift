// Checks for exercise "crud-inbox": Housekeeping keeps plain tables, fed by public events
// through an inbox, so a message delivered again changes nothing.
import EventSourcing
import EventSourcingTesting
import Foundation
import Housekeeping

let ten = Date(timeIntervalSince1970: 1_773_655_200)  // 2026-03-16 10:00 UTC
func at(_ minutes: Int) -> Date { ten.addingTimeInterval(Double(minutes * 60)) }

/// GuestStayCompleted v1, as the stay team publishes it.
func completed(_ stay: String, room: String, _ minute: Int) -> PublicMessage {
    let json = #"{"checkedInAt":"2026-03-14T14:00:00Z","checkedOutAt":"\#(ISO8601DateFormatter().string(from: at(minute)))","guestId":"g-\#(stay)","roomNumber":"\#(room)","stayId":"\#(stay)","totalCharged":100,"totalPaid":100}"#
    return PublicMessage(messageID: "GuestStayCompleted-\(stay)", eventType: "GuestStayCompleted", schemaVersion: 1, payload: Data(json.utf8))
}

let rooms = ["101", "102", "103", "201"]

/// What a check looks at in Housekeeping's tables, so a difference names the table and row.
struct HousekeepingTables: Equatable {
    var dirtyRooms: [String]
    var cleaningTasks: [String]
    var timesMarkedDirty: [String: Int]
}

func expect(_ database: HousekeepingDatabase, dirty: [String], tasks: [String], marks: [String: Int], _ situation: String) throws {
    let tables = database.tables
    let actual = HousekeepingTables(
        dirtyRooms: tables.rooms.values.filter { $0.status == .dirty }.map(\.roomNumber).sorted(),
        cleaningTasks: tables.cleaningTasks.map { "\($0.roomNumber) for \($0.stayID)" }.sorted(),
        timesMarkedDirty: tables.rooms.values.reduce(into: [String: Int]()) { marks, room in
            if room.timesMarkedDirty > 0 { marks[room.roomNumber] = room.timesMarkedDirty }
        })
    try expectEqual(expected: HousekeepingTables(dirtyRooms: dirty, cleaningTasks: tasks.sorted(), timesMarkedDirty: marks), actual: actual,
                    "Housekeeping's tables", root: "tables", situation: situation)
}

/// The housekeeping app retries a failed commit, as any CRUD client does.
func clean(_ room: String, _ database: HousekeepingDatabase) throws {
    for _ in 1...20 {
        do {
            return try database.markClean(room)
        } catch is HousekeepingDatabase.CommitFailed {
            continue
        }
    }
}

var suite = CheckSuite("crud-inbox")

suite.check("given GuestStayCompleted for s-1 in room 101, then 101 is dirty with one cleaning task") { _ in
    let database = HousekeepingDatabase(rooms: rooms)
    try HousekeepingInbox(database: database).receive(completed("s-1", room: "101", 0), now: at(1))
    try expect(database, dirty: ["101"], tasks: ["101 for s-1"], marks: ["101": 1], "After one GuestStayCompleted:")
    guard database.tables.rooms["101"]?.dirtySince == at(0) else {
        throw SpecFailure("dirtySince should be the checkout time from the event (10:00), not when the message arrived; it is \(String(describing: database.tables.rooms["101"]?.dirtySince)).")
    }
}

suite.check("given the same public event twice, then the room is marked dirty once") { _ in
    let database = HousekeepingDatabase(rooms: rooms)
    let inbox = HousekeepingInbox(database: database)
    try inbox.receive(completed("s-1", room: "101", 0), now: at(1))
    try inbox.receive(completed("s-1", room: "101", 0), now: at(2))
    try expect(database, dirty: ["101"], tasks: ["101 for s-1"], marks: ["101": 1], "The same message (GuestStayCompleted-s-1) delivered twice:")
}

suite.check("given the room cleaned in between, when the old message comes again, then the room stays clean") { _ in
    let database = HousekeepingDatabase(rooms: rooms)
    let inbox = HousekeepingInbox(database: database)
    try inbox.receive(completed("s-1", room: "101", 0), now: at(1))
    try database.markClean("101")
    try inbox.receive(completed("s-1", room: "101", 0), now: at(40))
    try expect(database, dirty: [], tasks: ["101 for s-1"], marks: ["101": 1],
               "101 was cleaned at 10:30, then GuestStayCompleted-s-1 was redelivered at 10:40 (the room is not dirty, so checking the room's status cannot tell a repeat):")
}

suite.check("given two stays that used the same room, then two cleaning tasks: a repeat is the same message id, not the same room") { _ in
    let database = HousekeepingDatabase(rooms: rooms)
    let inbox = HousekeepingInbox(database: database)
    try inbox.receive(completed("s-1", room: "101", 0), now: at(1))
    try database.markClean("101")
    try inbox.receive(completed("s-7", room: "101", 300), now: at(301))
    try expect(database, dirty: ["101"], tasks: ["101 for s-1", "101 for s-7"], marks: ["101": 2], "s-1 and later s-7 both stayed in 101:")
}

suite.check("with commits failing at random (seeds 1 to 5) and every message redelivered, each room is marked once per stay") { _ in
    let stays = [("s-1", "101"), ("s-2", "102"), ("s-3", "103"), ("s-4", "201"), ("s-5", "102")]
    for seed: UInt64 in 1...5 {
        let database = HousekeepingDatabase(rooms: rooms, seed: seed, failurePercent: 40)
        let inbox = HousekeepingInbox(database: database)
        var random = SeededRandom(seed: seed &* 7)
        for (number, (stay, room)) in stays.enumerated() {
            let message = completed(stay, room: room, number * 10)
            // At least once: delivered until acknowledged, then again 1 to 3 times.
            var acknowledged = false, attempts = 0, extra = 1 + Int(random.next() % 3)
            while attempts < 100, !acknowledged || extra > 0 {
                attempts += 1
                if acknowledged { extra -= 1 }
                do {
                    try inbox.receive(message, now: at(number * 10 + attempts))
                    acknowledged = true
                } catch is HousekeepingDatabase.CommitFailed {
                    continue
                }
            }
            if number == 1 { try clean("102", database) }  // s-2's room cleaned before s-5 arrives in it
        }
        try expect(database, dirty: ["101", "102", "103", "201"],
                   tasks: ["101 for s-1", "102 for s-2", "103 for s-3", "201 for s-4", "102 for s-5"],
                   marks: ["101": 1, "102": 2, "103": 1, "201": 1], "Seed \(seed) (\(database.failedCommits) failed commits):")
        try expectEqual(expected: stays.map { "GuestStayCompleted-\($0.0)" }, actual: database.tables.inbox.keys.sorted(),
                        "The inbox", root: "inbox", situation: "Seed \(seed):")
    }
}

suite.check("a morning at the housekeeping desk: checkouts arrive, some twice, rooms get cleaned (seed 3)") { trace in
    let database = HousekeepingDatabase(rooms: rooms, seed: 3, failurePercent: 30)
    let inbox = HousekeepingInbox(database: database)
    func readModels() throws -> [String: JSONValue] {
        [
            "rooms": try JSONValue(encoding: database.tables.rooms),
            "cleaning_tasks": try JSONValue(encoding: database.tables.cleaningTasks),
            "inbox (processed message ids)": try JSONValue(encoding: database.tables.inbox),
            "failed commits so far": .int(Int64(database.failedCommits)),
        ]
    }
    let arrivals: [(String, PublicMessage?)] = [
        ("GuestStayCompleted s-1 (room 101)", completed("s-1", room: "101", 0)),
        ("GuestStayCompleted s-2 (room 102)", completed("s-2", room: "102", 5)),
        ("GuestStayCompleted s-1 again (redelivered)", completed("s-1", room: "101", 0)),
        ("Housekeeper: 101 is clean", nil),
        ("GuestStayCompleted s-1 a third time", completed("s-1", room: "101", 0)),
        ("GuestStayCompleted s-3 (room 103)", completed("s-3", room: "103", 20)),
    ]
    for (index, (title, message)) in arrivals.enumerated() {
        var outcome = ""
        if let message {
            for attempt in 1...10 {
                do {
                    try inbox.receive(message, now: at(index * 10 + attempt))
                    outcome = attempt == 1 ? "" : " (committed on attempt \(attempt))"
                    break
                } catch is HousekeepingDatabase.CommitFailed {
                    continue
                }
            }
        } else {
            try clean("101", database)
        }
        trace.step(title + outcome, readModels: try readModels())
    }
    try expect(database, dirty: ["102", "103"], tasks: ["101 for s-1", "102 for s-2", "103 for s-3"],
               marks: ["101": 1, "102": 1, "103": 1], "After the morning:")
}

/// The instructions promise that a message Housekeeping does not handle (another type, or a
/// version it does not know) changes nothing and is still recorded, so it is not redelivered
/// for ever: these send one of each.
@MainActor func checkMessagesHousekeepingDoesNotHandle() {
    suite.check("given a message of another type or of version 2, then no room changes and both ids are in the inbox") { _ in
        let database = HousekeepingDatabase(rooms: rooms)
        let inbox = HousekeepingInbox(database: database)
        let v1 = completed("s-1", room: "101", 0)
        let otherType = PublicMessage(messageID: "GuestCheckedIn-s-2", eventType: "GuestCheckedIn", schemaVersion: 1, payload: v1.payload)
        let version2 = PublicMessage(messageID: "GuestStayCompleted-v2-s-3", eventType: "GuestStayCompleted", schemaVersion: 2, payload: v1.payload)
        try inbox.receive(otherType, now: at(1))
        try inbox.receive(version2, now: at(2))
        try expect(database, dirty: [], tasks: [], marks: [:], "After a GuestCheckedIn v1 and a GuestStayCompleted v2:")
        try expectEqual(expected: ["GuestCheckedIn-s-2", "GuestStayCompleted-v2-s-3"], actual: database.tables.inbox.keys.sorted(),
                        "The inbox after two messages Housekeeping does not handle (recorded, so they are not redelivered for ever)", root: "inbox")
    }
}
checkMessagesHousekeepingDoesNotHandle()

suite.run()
