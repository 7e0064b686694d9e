// Checks for exercise "upcasting": GuestCheckedIn v1, still in storage, reads as v2.
import EventSourcing
import EventSourcingTesting
import Foundation
import Synchronization
import Upcasting

let arrival = Date(timeIntervalSince1970: 1_773_496_800)  // 2026-03-14 14:00 UTC
let departure = Date(timeIntervalSince1970: 1_773_655_200)  // 2026-03-16 10:00 UTC
let codec = GuestStayEvent.codec

/// Event ids 00000000-0000-4000-8000-000000000001, …2, …: the trace is the same on every run.
final class SequentialIDs: Sendable {
    private let next = Mutex<Int64>(1)
    func make() -> UUID {
        next.withLock { number in
            defer { number += 1 }
            return EventFixtures.fixtureID(number)
        }
    }
}

// Stored JSON, exactly as release 1.x wrote it (schema v1; dates in ISO 8601, as EventCodec
// writes them).
let storedCheckInV1 = #"{"at":"2026-03-14T14:00:00Z","guestId":"ana","roomNumber":"101","stayId":"s-1"}"#
let storedCharge = #"{"amount":100,"at":"2026-03-14T14:00:00Z","chargeId":"c-1","currency":"EUR","stayId":"s-1"}"#
/// The front desk of release 1.x put the clerk's login in every event's metadata.
let deskMetadata = EventMetadata(correlationID: "visit-s-1", causationID: "desk-1", headers: ["user": "maria"])

/// One stored event as an old release wrote it.
struct StoredRow {
    var type: String
    var version: Int
    var json: String
    var metadata: EventMetadata
}

func storeRaw(_ store: InMemoryEventStore, _ streamID: String, _ rows: [StoredRow], ids: SequentialIDs) throws {
    try store.append(to: streamID, events: rows.map {
        EventData(eventID: ids.make(), eventType: $0.type, schemaVersion: $0.version, data: Data($0.json.utf8), metadata: $0.metadata)
    })
}

/// Reads one stored event through today's codec.
func read(_ row: StoredRow) throws -> GuestStayEvent {
    let store = InMemoryEventStore(clock: { arrival })
    try storeRaw(store, "guest_stay-s-1", [row], ids: SequentialIDs())
    guard let recorded = try store.readStream("guest_stay-s-1").first else { throw SpecFailure("nothing stored") }
    return try codec.decode(recorded).event
}

func expectEqual(_ actual: GuestStayEvent, _ expected: GuestStayEvent, reading row: StoredRow) throws {
    guard actual == expected else {
        throw SpecFailure("""
            Reading \(row.type) v\(row.version) \(row.json) with metadata headers \(row.metadata.headers)
              expected \(expected)
              actual   \(actual)
            """)
    }
}

/// A read model, or why today's code cannot build it yet: the Read models pane shows either.
func readable(_ build: () throws -> JSONValue) -> JSONValue {
    do { return try build() } catch { return .string("cannot be read: \(error)") }
}

let ana = Guest(id: "ana", name: nil)

var suite = CheckSuite("upcasting")

suite.check("a stored v1 check-in reads as v2: guestId moves into guest, and the name stays unknown (nil)") { _ in
    let row = StoredRow(type: "GuestCheckedIn", version: 1, json: storedCheckInV1, metadata: deskMetadata)
    try expectEqual(try read(row), .guestCheckedIn(GuestCheckedIn(
        stayID: "s-1", guest: Guest(id: "ana", name: nil), roomNumber: "101", at: arrival, checkedInBy: "maria")), reading: row)
}

suite.check("a v1 check-in takes checkedInBy from its metadata's \"user\" header") { _ in
    let row = StoredRow(type: "GuestCheckedIn", version: 1, json: storedCheckInV1,
                        metadata: EventMetadata(correlationID: "visit-s-1", headers: ["user": "tomasz"]))
    try expectEqual(try read(row), .guestCheckedIn(GuestCheckedIn(
        stayID: "s-1", guest: ana, roomNumber: "101", at: arrival, checkedInBy: "tomasz")), reading: row)
}

suite.check("a v1 check-in whose metadata names no clerk reads checkedInBy as \"unknown\"") { _ in
    let row = StoredRow(type: "GuestCheckedIn", version: 1, json: storedCheckInV1, metadata: EventMetadata(correlationID: "import-2025"))
    try expectEqual(try read(row), .guestCheckedIn(GuestCheckedIn(
        stayID: "s-1", guest: ana, roomNumber: "101", at: arrival, checkedInBy: "unknown")), reading: row)
}

suite.check("a new check-in is stored as v2 and reads back unchanged") { _ in
    let checkIn = GuestStayEvent.guestCheckedIn(GuestCheckedIn(
        stayID: "s-2", guest: Guest(id: "ben", name: "Ben Okafor"), roomNumber: "204", at: arrival, checkedInBy: "maria"))
    let stored = try codec.encode(checkIn, eventID: EventFixtures.fixtureID(1))
    guard stored.schemaVersion == 2 else {
        throw SpecFailure("GuestCheckedIn should be stored as schema version 2, it is stored as v\(stored.schemaVersion).")
    }
    let row = StoredRow(type: stored.eventType, version: 2, json: String(decoding: stored.data, as: UTF8.self), metadata: deskMetadata)
    try expectEqual(try read(row), checkIn, reading: row)
}

suite.check("the stay's rules still hold on stays stored as v1 and as v2") { trace in
    let store = InMemoryEventStore(clock: { departure }), ids = SequentialIDs()
    let desk = GuestStayService(store: store, makeEventID: ids.make)
    func readModels() throws -> [String: JSONValue] {
        let checkIn = readable {
            try codec.decode(store.readStream("guest_stay-s-1")).first.map { envelope -> JSONValue in
                guard case .guestCheckedIn(let event) = envelope.event else { return .null }
                return try JSONValue(encoding: event)
            } ?? .null
        }
        return ["GuestStay s-1": readable { try JSONValue(encoding: desk.load("guest_stay-s-1")) },
                "GuestCheckedIn of s-1, as read today (v2)": checkIn]
    }
    var messages = 1
    func run(_ title: String, _ command: GuestStayCommand) throws -> [GuestStayEvent] {
        messages += 1
        return try trace.step(title, store: store) {
            try desk.handle(command, context: MessageContext(messageID: "desk-\(messages)", correlationID: "visit-s-1", headers: ["user": "tomasz"]))
        } readModels: { try readModels() }
    }
    try trace.step("Release 1.x stored: GuestCheckedIn v1 (by maria, in metadata), a charge of 100", store: store) {
        try storeRaw(store, "guest_stay-s-1", [
            StoredRow(type: "GuestCheckedIn", version: 1, json: storedCheckInV1, metadata: deskMetadata),
            StoredRow(type: "ChargeRecorded", version: 1, json: storedCharge, metadata: deskMetadata),
        ], ids: ids)
    } readModels: { try readModels() }

    let ben = try run("Today: CheckIn Ben, stay s-2 (stored as v2)",
                      .checkIn(stayID: "s-2", guest: Guest(id: "ben", name: "Ben Okafor"), roomNumber: "204", clerk: "tomasz", now: departure))
    let again = try run("CheckIn s-1 again (a retry): the stay is already open",
                        .checkIn(stayID: "s-1", guest: ana, roomNumber: "101", clerk: "tomasz", now: departure))
    let failed = try run("CheckOut: 100 still owed", .checkOut(stayID: "s-1", guestID: "ana", now: departure))
    _ = try run("RecordPayment 100", .recordPayment(stayID: "s-1", guestID: "ana", paymentID: "p-1", amount: 100, now: departure))
    let done = try run("CheckOut", .checkOut(stayID: "s-1", guestID: "ana", now: departure))

    guard ben.count == 1, try store.readStream("guest_stay-s-2").first?.schemaVersion == 2 else {
        throw SpecFailure("Ben's check-in should be stored as one GuestCheckedIn v2; it recorded \(ben).")
    }
    guard again.isEmpty else { throw SpecFailure("Checking in an open stay again should record nothing; it recorded \(again).") }
    guard failed == [.guestCheckoutFailed(GuestCheckoutFailed(stayID: "s-1", reason: .balanceNotSettled, at: departure))] else {
        throw SpecFailure("Checking out with 100 owed should record GuestCheckoutFailed; it recorded \(failed).")
    }
    guard done == [.guestCheckedOut(GuestCheckedOut(stayID: "s-1", at: departure))] else {
        throw SpecFailure("Checking out after paying should record GuestCheckedOut; it recorded \(done).")
    }
    let stored = try store.readStream("guest_stay-s-1").map { "\($0.eventType) v\($0.schemaVersion)" }
    guard stored.first == "GuestCheckedIn v1" else {
        throw SpecFailure("The stored v1 event must stay as it was (upcasting happens on read); the stream holds \(stored).")
    }
}

suite.run()
