// Checks for exercise "public-events": a translator publishes GuestStayCompleted v1 from the
// stay's private events, once per stay, in a shape no internal change can reach.
import EventSourcing
import EventSourcingTesting
import Foundation
import PublicEvents
import Synchronization

let arrival = Date(timeIntervalSince1970: 1_773_496_800)  // 2026-03-14 14:00 UTC
let departure = Date(timeIntervalSince1970: 1_773_655_200)  // 2026-03-16 10:00 UTC
let codec = GuestStayEvent.codec
let metadata = EventMetadata(correlationID: "visit-s-1", causationID: "desk-1", headers: ["user": "maria"])

/// The contract, byte for byte, as the subscribers' teams agreed it. If this string has to
/// change, that is a GuestStayCompleted v2, not an edit.
let golden = #"{"checkedInAt":"2026-03-14T14:00:00Z","checkedOutAt":"2026-03-16T10:00:00Z","guestId":"ana","roomNumber":"101","stayId":"s-1","totalCharged":100,"totalPaid":100}"#

// Stored JSON as earlier releases wrote it (dates in ISO 8601, as EventCodec writes them).
let storedCheckIn = #"{"at":"2026-03-14T14:00:00Z","checkedInBy":"maria","guest":{"id":"ana","name":"Ana Lima"},"roomNumber":"101","stayId":"s-1"}"#
let storedCharge = #"{"amount":100,"at":"2026-03-14T14:00:00Z","chargeId":"c-1","currency":"EUR","stayId":"s-1"}"#
let paymentOldName = (type: "PaymentRecorded", json: #"{"amount":40,"at":"2026-03-14T14:00:00Z","paymentId":"p-1","stayId":"s-1"}"#)
let paymentNewName = (type: "PaymentReceived", json: #"{"amount":40,"method":"unknown","paymentId":"p-1","receivedAt":"2026-03-14T14:00:00Z","stayId":"s-1"}"#)

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
let ids = SequentialIDs()
func id() -> UUID { ids.make() }
func raw(_ type: String, _ version: Int, _ json: String) -> EventData {
    EventData(eventID: id(), eventType: type, schemaVersion: version, data: Data(json.utf8), metadata: metadata)
}
func encoded(_ event: GuestStayEvent) throws -> EventData { try codec.encode(event, eventID: id(), metadata: metadata) }

/// Ana's stay s-1: checked in, charged 100, paid 40 (stored under `payment`'s name), a failed
/// checkout, paid 60, checked out. Each entry is one append.
func anasStay(payment: (type: String, json: String)) throws -> [(title: String, event: EventData)] {
    [
        ("CheckIn s-1 (Ana, room 101)", raw("GuestCheckedIn", 2, storedCheckIn)),
        ("RecordCharge 100", raw("ChargeRecorded", 1, storedCharge)),
        ("Payment 40, stored as \(payment.type)", raw(payment.type, 1, payment.json)),
        ("CheckOut fails: 60 still owed", try encoded(.guestCheckoutFailed(GuestCheckoutFailed(stayID: "s-1", reason: .balanceNotSettled, at: departure)))),
        ("RecordPayment 60 by card", try encoded(.paymentReceived(PaymentReceived(stayID: "s-1", paymentID: "p-2", amount: 60, method: .card, receivedAt: departure)))),
        ("CheckOut", try encoded(.guestCheckedOut(GuestCheckedOut(stayID: "s-1", at: departure)))),
    ]
}

func store(_ appends: [(title: String, event: EventData)]) throws -> InMemoryEventStore {
    let store = InMemoryEventStore(clock: { departure })
    for append in appends { try store.append(to: "guest_stay-s-1", events: [append.event]) }
    return store
}

/// Runs the translator over the whole log, `times` times (redelivery).
func publish(_ store: InMemoryEventStore, times: Int = 1) throws -> [PublicMessage] {
    let translator = StayTranslator(store: store)
    var messages: [PublicMessage] = []
    for _ in 0..<times {
        for recorded in try store.readAll(after: 0, limit: .max) { messages += try translator.publicMessages(for: recorded) }
    }
    return messages
}

func describe(_ messages: [PublicMessage]) -> [String] { messages.map { "\($0.eventType) v\($0.schemaVersion) [\($0.messageID)] \($0.json)" } }

func expectOne(_ messages: [PublicMessage], _ situation: String) throws {
    let expected = "GuestStayCompleted v1 [GuestStayCompleted-s-1] \(golden)"
    guard describe(messages) == [expected] else {
        throw SpecFailure("\(situation)\n" + SpecFailure.mismatch("Public messages", expected: [expected], actual: describe(messages), firstDifference: nil).message)
    }
}

var suite = CheckSuite("public-events")

suite.check("given Ana's stay, then exactly one GuestStayCompleted v1, byte for byte the agreed JSON") { _ in
    try expectOne(try publish(try store(anasStay(payment: paymentNewName))), "Ana's stay, every event under today's names:")
}

suite.check("given the 40 stored under the old name PaymentRecorded, then the same public JSON: the rename does not leak") { _ in
    try expectOne(try publish(try store(anasStay(payment: paymentOldName))), "The 40 was stored as PaymentRecorded v1 (before the rename):")
}

suite.check("given the log delivered three times, then still one GuestStayCompleted for s-1") { _ in
    try expectOne(try publish(try store(anasStay(payment: paymentOldName)), times: 3), "Every event delivered three times:")
}

suite.check("given a failed checkout and no checkout, then nothing is published: the stay is not over") { _ in
    let messages = try publish(try store(Array(try anasStay(payment: paymentNewName).prefix(5))))
    guard messages.isEmpty else {
        throw SpecFailure("Until the stay checks out, nothing is public (a failed attempt is the desk's business):\n"
            + describe(messages).map { "  \($0)" }.joined(separator: "\n"))
    }
}

suite.check("given two stays, then one public event each, with its own totals") { _ in
    let store = try store(anasStay(payment: paymentOldName))
    let checkIn = GuestCheckedIn(stayID: "s-2", guest: Guest(id: "bo", name: nil), roomNumber: "102", at: arrival, checkedInBy: "maria")
    try store.append(to: "guest_stay-s-2", events: [try encoded(.guestCheckedIn(checkIn)),
                                                     try encoded(.guestCheckedOut(GuestCheckedOut(stayID: "s-2", at: departure)))])
    let messages = try publish(store)
    let bo = #"{"checkedInAt":"2026-03-14T14:00:00Z","checkedOutAt":"2026-03-16T10:00:00Z","guestId":"bo","roomNumber":"102","stayId":"s-2","totalCharged":0,"totalPaid":0}"#
    let expected = ["GuestStayCompleted v1 [GuestStayCompleted-s-1] \(golden)", "GuestStayCompleted v1 [GuestStayCompleted-s-2] \(bo)"]
    guard describe(messages) == expected else {
        throw SpecFailure.mismatch("Public messages", expected: expected, actual: describe(messages), firstDifference: nil)
    }
}

suite.check("Ana's stay, event by event: private events in the stream, one public event out") { trace in
    let store = InMemoryEventStore(clock: { departure })
    let translator = StayTranslator(store: store)
    var published: [PublicMessage] = []
    for append in try anasStay(payment: paymentOldName) {
        try trace.step(append.title, store: store) {
            let result = try store.append(to: "guest_stay-s-1", events: [append.event])
            for recorded in try store.readAll(after: (result.positions.first ?? 1) - 1, limit: .max) {
                published += try translator.publicMessages(for: recorded)
            }
        } readModels: {
            [
                "Published (public contract)": .array(try published.map { try JSONValue(data: $0.payload) }),
                "Public message ids": .array(published.map { .string("\($0.eventType) v\($0.schemaVersion) \($0.messageID)") }),
            ]
        }
    }
    try expectOne(published, "After the stay:")
}

suite.run()
