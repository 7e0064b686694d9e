// Checks for exercise "stream-transform": pilot check-ins merged on read, and the stored-event
// contract (golden files in Exercises/Golden/stored-events).
import EventSourcing
import EventSourcingTesting
import Foundation
import StreamTransform
import Synchronization

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

// MARK: - The pilot's stored events

/// What the pilot release stored for one check-in: two events, one correlation id.
let pilotMetadata = EventMetadata(correlationID: "pilot-visit-7", causationID: "pilot-desk-1", headers: ["user": "maria"])
let pilotCheckIn = #"{"at":"2026-03-14T14:00:00Z","guestId":"ana","stayId":"s-7"}"#
let pilotRoomAssigned = #"{"roomNumber":"101","stayId":"s-7"}"#
let pilotCharge = #"{"amount":100,"at":"2026-03-14T14:00:00Z","chargeId":"c-1","currency":"EUR","stayId":"s-7"}"#

func recorded(_ type: String, _ json: String, version: Int64, position: Int64, schema: Int = 1,
              metadata: EventMetadata = pilotMetadata) -> RecordedEvent {
    RecordedEvent(eventID: EventFixtures.fixtureID(position), streamID: "guest_stay-s-7", streamVersion: version, position: position,
                  recordedAt: arrival, eventType: type, schemaVersion: schema, data: Data(json.utf8), metadata: metadata)
}

func summary(_ events: [RecordedEvent]) -> [String] {
    events.map { "v\($0.streamVersion) @\($0.position) \($0.eventType) \(String(decoding: $0.data, as: UTF8.self))" }
}

func sameJSON(_ data: Data, _ json: String) -> Bool {
    (try? JSONValue(data: data)) == (try? JSONValue(data: Data(json.utf8)))
}

// MARK: - Golden files

/// Exercises/Golden/stored-events, found from this file's own path (so it works from any
/// working directory, and from Solutions/, whose Checks folder is a symlink), or else from the
/// working directory the app runs checks in (the project root).
func goldenDirectory() throws -> URL {
    let fromSource = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden/stored-events")
    let candidates = [fromSource, URL(fileURLWithPath: "Exercises/Golden/stored-events"),
                      URL(fileURLWithPath: "Golden/stored-events"), URL(fileURLWithPath: "../Exercises/Golden/stored-events")]
    guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
        throw SpecFailure("The golden files are missing: looked in \(candidates.map(\.path).joined(separator: ", ")).")
    }
    return found
}

struct GoldenEvent: Decodable {
    var eventType: String
    var schemaVersion: Int
    var data: JSONValue
    var metadata: EventMetadata?

    enum CodingKeys: String, CodingKey {
        case eventType = "event_type", schemaVersion = "schema_version", data, metadata
    }
}

func golden(_ name: String) throws -> GoldenEvent {
    let url = try goldenDirectory().appendingPathComponent(name)
    guard let data = FileManager.default.contents(atPath: url.path) else {
        throw SpecFailure("No golden file \(url.path).")
    }
    return try JSONDecoder().decode(GoldenEvent.self, from: data)
}

func compact(_ json: JSONValue) -> String {
    (try? json.encoded()).map { String(decoding: $0, as: UTF8.self) } ?? "\(json)"
}

/// Reads a golden file's stored JSON through today's codec, as the store would hand it over.
func read(_ stored: GoldenEvent) throws -> GuestStayEvent {
    let recorded = RecordedEvent(eventID: EventFixtures.fixtureID(1), streamID: "guest_stay-s-1", streamVersion: 1, position: 1,
                                 recordedAt: arrival, eventType: stored.eventType, schemaVersion: stored.schemaVersion,
                                 data: try stored.data.encoded(), metadata: stored.metadata ?? EventMetadata())
    return try codec.decode(recorded).event
}

/// Today's shape: the sample must be written exactly as the golden file says, and the golden
/// file must read back as the sample.
func checkCurrentShape(_ file: String, sample: GuestStayEvent) throws {
    let expected = try golden(file)
    let stored = try codec.encode(sample, eventID: EventFixtures.fixtureID(1))
    let written = try JSONValue(data: stored.data)
    guard stored.eventType == expected.eventType, stored.schemaVersion == expected.schemaVersion, written == expected.data else {
        throw SpecFailure("""
            Today's code would store \(sample) differently from the contract (Golden/stored-events/\(file)):
              contract \(expected.eventType) v\(expected.schemaVersion) \(compact(expected.data))
              written  \(stored.eventType) v\(stored.schemaVersion) \(compact(written))
            Events already stored in this shape could no longer be read, and consumers would break.
            Fix the code (the Swift names can change, the stored names cannot), not the golden file.
            """)
    }
    let event = try read(expected)
    guard event == sample else {
        throw SpecFailure("Reading Golden/stored-events/\(file):\n  expected \(sample)\n  actual   \(event)")
    }
}

/// An older shape still in storage: it must read as `expected`.
func checkOldShape(_ file: String, readsAs expected: GuestStayEvent) throws {
    let stored = try golden(file)
    let event: GuestStayEvent
    do {
        event = try read(stored)
    } catch {
        throw SpecFailure("Golden/stored-events/\(file) can no longer be read: \(error)")
    }
    guard event == expected else {
        throw SpecFailure("Reading Golden/stored-events/\(file):\n  expected \(expected)\n  actual   \(event)")
    }
}

let ana = Guest(id: "ana", name: "Ana Lima")
let samples: [(file: String, event: GuestStayEvent)] = [
    ("GuestCheckedIn.v2.json", .guestCheckedIn(GuestCheckedIn(stayID: "s-1", guest: ana, roomNumber: "101", at: arrival, checkedInBy: "maria"))),
    ("ChargeRecorded.v1.json", .chargeRecorded(ChargeRecorded(stayID: "s-1", chargeID: "c-1", amount: 100, currency: "EUR", at: arrival))),
    ("PaymentReceived.v1.json", .paymentReceived(PaymentReceived(stayID: "s-1", paymentID: "p-1", amount: 100, method: .card, receivedAt: departure))),
    ("GuestCheckedOut.v1.json", .guestCheckedOut(GuestCheckedOut(stayID: "s-1", at: departure))),
    ("GuestCheckoutFailed.v1.json", .guestCheckoutFailed(GuestCheckoutFailed(stayID: "s-1", reason: .balanceNotSettled, at: departure))),
]

/// A read model, or why today's code cannot build it yet: the Read models pane shows either.
func readable(_ build: () throws -> JSONValue) -> JSONValue {
    do { return try build() } catch { return .string("cannot be read: \(error)") }
}

var suite = CheckSuite("stream-transform")

// MARK: - The stream transform

suite.check("a pilot check-in and its RoomAssigned (same correlation id) read as one GuestCheckedIn with the room") { _ in
    let raw = [recorded("GuestCheckedIn", pilotCheckIn, version: 1, position: 11),
               recorded("RoomAssigned", pilotRoomAssigned, version: 2, position: 12),
               recorded("ChargeRecorded", pilotCharge, version: 3, position: 13)]
    let transformed = try StayStreamTransform.apply(raw)
    let expected = [
        "v2 GuestCheckedIn {\"at\":\"2026-03-14T14:00:00Z\",\"guestId\":\"ana\",\"roomNumber\":\"101\",\"stayId\":\"s-7\"}",
        "v3 ChargeRecorded \(pilotCharge)",
    ]
    let actual = transformed.map { event -> String in
        let json = (try? JSONValue(data: event.data)).map(compact) ?? String(decoding: event.data, as: UTF8.self)
        return "v\(event.streamVersion) \(event.eventType) \(json)"
    }
    guard actual == expected else {
        throw SpecFailure.mismatch("Transformed stream (version type data)", expected: expected, actual: actual,
                                   firstDifference: Array(zip(expected, actual)).firstIndex { $0 != $1 } ?? min(expected.count, actual.count))
    }
    guard transformed.first?.eventID == raw[0].eventID, transformed.first?.metadata == pilotMetadata else {
        throw SpecFailure("The merged event should keep the pilot check-in's event id and metadata (its correlation id, the clerk).")
    }
}

suite.check("a RoomAssigned from another flow (another correlation id) is not merged") { _ in
    let raw = [recorded("GuestCheckedIn", pilotCheckIn, version: 1, position: 11),
               recorded("RoomAssigned", pilotRoomAssigned, version: 2, position: 12,
                        metadata: EventMetadata(correlationID: "housekeeping-42"))]
    let transformed = try StayStreamTransform.apply(raw)
    guard transformed == raw else {
        throw SpecFailure.mismatch("Stream (should be unchanged)", expected: summary(raw), actual: summary(transformed), firstDifference: nil)
    }
}

suite.check("a stream written by today's code passes through untouched") { _ in
    let today = EventMetadata(correlationID: "visit-s-1", causationID: "desk-1")
    let raw = try samples.enumerated().map { offset, sample in
        let data = try codec.encode(sample.event, eventID: EventFixtures.fixtureID(Int64(offset + 1)), metadata: today)
        return RecordedEvent(eventID: data.eventID, streamID: "guest_stay-s-1", streamVersion: Int64(offset + 1), position: Int64(offset + 21),
                             recordedAt: arrival, eventType: data.eventType, schemaVersion: data.schemaVersion, data: data.data, metadata: today)
    }
    let transformed = try StayStreamTransform.apply(raw)
    guard transformed == raw else {
        throw SpecFailure.mismatch("Stream (should be unchanged)", expected: summary(raw), actual: summary(transformed), firstDifference: nil)
    }
}

suite.check("after merging, the stay still loads at the store's version, so the next append does not conflict") { _ in
    let store = InMemoryEventStore(clock: { departure })
    try store.append(to: "guest_stay-s-7", expected: .noStream, events: [
        EventData(eventID: EventFixtures.fixtureID(101), eventType: "GuestCheckedIn", data: Data(pilotCheckIn.utf8), metadata: pilotMetadata),
        EventData(eventID: EventFixtures.fixtureID(102), eventType: "RoomAssigned", data: Data(pilotRoomAssigned.utf8), metadata: pilotMetadata),
    ])
    let desk = GuestStayService(store: store, makeEventID: SequentialIDs().make)
    do {
        try desk.handle(.recordCharge(stayID: "s-7", guestID: "ana", chargeID: "c-9", amount: 30, currency: "EUR", now: departure),
                        context: MessageContext(messageID: "desk-9"))
    } catch let conflict as WrongExpectedVersion {
        throw SpecFailure("""
            Charging the pilot stay failed: \(conflict)
            The stream holds 2 stored events. The handler appends with the version of the last event it read; if the merged
            check-in carries version 1 (or the events are renumbered), every append expects the wrong version.
            Give the merged event the version and position of the pair's last event (the RoomAssigned).
            """)
    }
    let versions = try store.readStream("guest_stay-s-7").map(\.streamVersion)
    guard versions == [1, 2, 3] else {
        throw SpecFailure("Stored versions:\n  expected [1, 2, 3]\n  actual   \(versions)")
    }
}

suite.check("a stay from the pilot loads through today's code and checks out") { trace in
    let store = InMemoryEventStore(clock: { departure }), ids = SequentialIDs()
    let desk = GuestStayService(store: store, makeEventID: ids.make)
    func readModels() throws -> [String: JSONValue] {
        let read = readable {
            .array(try codec.decode(TransformOnReadStore(base: store).readStream("guest_stay-s-7")).map { .string("v\($0.streamVersion) \($0.event)") })
        }
        return ["guest_stay-s-7 as today's code reads it": read,
                "GuestStay s-7": readable { try JSONValue(encoding: desk.load("guest_stay-s-7")) }]
    }
    try trace.step("The pilot stored: GuestCheckedIn (no room) + RoomAssigned, correlation pilot-visit-7; a charge of 100", store: store) {
        try store.append(to: "guest_stay-s-7", expected: .noStream, events: [
            EventData(eventID: ids.make(), eventType: "GuestCheckedIn", data: Data(pilotCheckIn.utf8), metadata: pilotMetadata),
            EventData(eventID: ids.make(), eventType: "RoomAssigned", data: Data(pilotRoomAssigned.utf8), metadata: pilotMetadata),
            EventData(eventID: ids.make(), eventType: "ChargeRecorded", data: Data(pilotCharge.utf8),
                      metadata: EventMetadata(correlationID: "pilot-visit-7", causationID: "pilot-desk-2")),
        ])
    } readModels: { try readModels() }
    try trace.step("Today: RecordPayment 100 by card", store: store) {
        try desk.handle(.recordPayment(stayID: "s-7", guestID: "ana", paymentID: "p-1", amount: 100, method: .card, now: departure),
                        context: MessageContext(messageID: "desk-1", correlationID: "visit-s-7"))
    } readModels: { try readModels() }
    let done = try trace.step("Today: CheckOut", store: store) {
        try desk.handle(.checkOut(stayID: "s-7", guestID: "ana", now: departure), context: MessageContext(messageID: "desk-2", correlationID: "visit-s-7"))
    } readModels: { try readModels() }
    guard done == [.guestCheckedOut(GuestCheckedOut(stayID: "s-7", at: departure))] else {
        throw SpecFailure("The pilot stay, charged 100 and paid 100, should check out; CheckOut recorded \(done).")
    }
    let first = try codec.decode(TransformOnReadStore(base: store).readStream("guest_stay-s-7")).first?.event
    let expected = GuestStayEvent.guestCheckedIn(GuestCheckedIn(stayID: "s-7", guest: Guest(id: "ana", name: nil), roomNumber: "101",
                                                                at: arrival, checkedInBy: "maria"))
    guard first == expected else {
        throw SpecFailure("The pilot check-in should read as\n  \(expected)\nit reads as\n  \(first.map { "\($0)" } ?? "nothing")")
    }
}

/// Projections read the global log, not the stay's stream: they must meet the merged check-in
/// too, whether a page ends between the pair's two events or not.
@MainActor func checkGlobalLogIsTransformed() {
    suite.check("the global log reads the pilot pair as one check-in with its room, even split across pages") { _ in
        let store = InMemoryEventStore(clock: { departure }), ids = SequentialIDs()
        try store.append(to: "guest_stay-s-7", expected: .noStream, events: [
            EventData(eventID: ids.make(), eventType: "GuestCheckedIn", data: Data(pilotCheckIn.utf8), metadata: pilotMetadata),
            EventData(eventID: ids.make(), eventType: "RoomAssigned", data: Data(pilotRoomAssigned.utf8), metadata: pilotMetadata),
            EventData(eventID: ids.make(), eventType: "ChargeRecorded", data: Data(pilotCharge.utf8),
                      metadata: EventMetadata(correlationID: "pilot-visit-7", causationID: "pilot-desk-2")),
        ])
        let transformed = TransformOnReadStore(base: store)
        for pageSize in [1, 2, 10] {
            var read: [RecordedEvent] = [], after: Int64 = 0
            while case let page = try transformed.readAll(after: after, limit: pageSize), let last = page.last {
                read += page
                after = last.position
            }
            let types = read.map(\.eventType), positions = read.map(\.position)
            let room = try read.first.map { try JSONValue(data: $0.data)["roomNumber"] } ?? nil
            guard types == ["GuestCheckedIn", "ChargeRecorded"], positions == [2, 3], room == "101" else {
                throw SpecFailure("""
                    The global log read through TransformOnReadStore in pages of \(pageSize):
                      expected GuestCheckedIn (room 101) at position 2, ChargeRecorded at 3
                      actual   \(zip(types, positions).map { "\($0) at \($1)" }.joined(separator: ", ")), room \(room.map { "\($0)" } ?? "none")
                    """)
            }
        }
    }
}
checkGlobalLogIsTransformed()

// MARK: - The stored-event contract

for sample in samples {
    let golden = sample.file
    suite.check("contract: \(golden.replacingOccurrences(of: ".json", with: "")) is written and read exactly as stored") { _ in
        try checkCurrentShape(golden, sample: sample.event)
    }
}

suite.check("contract: Finance still receives PaymentRecorded v1 exactly as before") { _ in
    let expected = try golden("Finance.PaymentRecorded.v1.json")
    guard case .paymentReceived(let payment) = samples[2].event else { throw SpecFailure("sample is not a payment") }
    let message = try FinanceFeed.downcast(payment)
    guard message.eventType == expected.eventType, message.schemaVersion == expected.schemaVersion, message.data == expected.data else {
        throw SpecFailure("""
            Finance's message differs from the contract (Golden/stored-events/Finance.PaymentRecorded.v1.json):
              contract \(expected.eventType) v\(expected.schemaVersion) \(compact(expected.data))
              sent     \(message.eventType) v\(message.schemaVersion) \(compact(message.data))
            """)
    }
}

suite.check("contract: stored GuestCheckedIn v1 still reads (as v2, clerk from metadata)") { _ in
    try checkOldShape("old.GuestCheckedIn.v1.json", readsAs: .guestCheckedIn(GuestCheckedIn(
        stayID: "s-1", guest: Guest(id: "ana", name: nil), roomNumber: "101", at: arrival, checkedInBy: "maria")))
}

suite.check("contract: stored ChargeRecorded from before currencies still reads (as EUR)") { _ in
    try checkOldShape("old.ChargeRecorded.v1.before-currency.json", readsAs: .chargeRecorded(ChargeRecorded(
        stayID: "s-1", chargeID: "c-1", amount: 100, currency: "EUR", at: arrival)))
}

suite.check("contract: stored PaymentRecorded v1 still reads (as PaymentReceived)") { _ in
    try checkOldShape("old.PaymentRecorded.v1.json", readsAs: .paymentReceived(PaymentReceived(
        stayID: "s-1", paymentID: "p-1", amount: 100, method: .unknown, receivedAt: departure)))
}

suite.run()
