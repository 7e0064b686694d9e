// Checks for exercise "new-field": ChargeRecorded gets a currency; stored charges without one
// still read.
import EventSourcing
import EventSourcingTesting
import Foundation
import NewField
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

// Stored JSON, exactly as release 1.0 wrote it (dates in ISO 8601, as EventCodec writes them).
// Stored events never change.
let storedCheckIn = #"{"at":"2026-03-14T14:00:00Z","guestId":"ana","roomNumber":"101","stayId":"s-1"}"#
let storedChargeWithoutCurrency = #"{"amount":100,"at":"2026-03-14T14:00:00Z","chargeId":"c-1","stayId":"s-1"}"#
let storedChargeInPounds = #"{"amount":35,"at":"2026-03-14T14:00:00Z","chargeId":"c-7","currency":"GBP","stayId":"s-1"}"#

/// Puts raw stored JSON into `store`, as an old release would have written it.
func storeRaw(_ store: InMemoryEventStore, _ streamID: String, _ rows: [(type: String, json: String)], ids: SequentialIDs) throws {
    try store.append(to: streamID, events: rows.map {
        EventData(eventID: ids.make(), eventType: $0.type, schemaVersion: 1, data: Data($0.json.utf8),
                  metadata: MessageContext(messageID: "release-1.0").eventMetadata)
    })
}

/// Reads one stored event through today's codec.
func read(_ type: String, _ json: String) throws -> GuestStayEvent {
    let store = InMemoryEventStore(clock: { arrival })
    try storeRaw(store, "guest_stay-s-1", [(type, json)], ids: SequentialIDs())
    guard let recorded = try store.readStream("guest_stay-s-1").first else { throw SpecFailure("nothing stored") }
    return try codec.decode(recorded).event
}

func expectEqual(_ actual: GuestStayEvent, _ expected: GuestStayEvent, reading json: String) throws {
    guard actual == expected else {
        throw SpecFailure("Reading \(json)\n  expected \(expected)\n  actual   \(actual)")
    }
}

/// A read model, or why today's code cannot build it yet: the Read models pane shows either.
func readable(_ build: () throws -> JSONValue) -> JSONValue {
    do { return try build() } catch { return .string("cannot be read: \(error)") }
}

let spec = DeciderSpec(GuestStay.decider)
let checkedIn = GuestStayEvent.guestCheckedIn(GuestCheckedIn(stayID: "s-1", guestID: "ana", roomNumber: "101", at: arrival))

var suite = CheckSuite("new-field")

suite.check("a charge stored before currencies existed still reads, as EUR") { _ in
    let event = try read("ChargeRecorded", storedChargeWithoutCurrency)
    try expectEqual(event, .chargeRecorded(ChargeRecorded(stayID: "s-1", chargeID: "c-1", amount: 100, currency: "EUR", at: arrival)),
                    reading: storedChargeWithoutCurrency)
}

suite.check("a stored charge that has a currency keeps it") { _ in
    let event = try read("ChargeRecorded", storedChargeInPounds)
    try expectEqual(event, .chargeRecorded(ChargeRecorded(stayID: "s-1", chargeID: "c-7", amount: 35, currency: "GBP", at: arrival)),
                    reading: storedChargeInPounds)
}

suite.check("recording a charge in USD records USD") { _ in
    try spec.given([checkedIn])
        .when(.recordCharge(stayID: "s-1", guestID: "ana", chargeID: "c-2", amount: 80, currency: "USD", now: arrival))
        .then([.chargeRecorded(ChargeRecorded(stayID: "s-1", chargeID: "c-2", amount: 80, currency: "USD", at: arrival))])
}

suite.check("a new charge is stored with its currency and reads back the same") { _ in
    let charge = GuestStayEvent.chargeRecorded(ChargeRecorded(stayID: "s-1", chargeID: "c-2", amount: 80, currency: "USD", at: arrival))
    let stored = try codec.encode(charge, eventID: EventFixtures.fixtureID(1))
    let json = try JSONValue(data: stored.data)
    guard json["currency"] == "USD" else {
        throw SpecFailure("The stored JSON should carry \"currency\":\"USD\"; it is \(String(decoding: stored.data, as: UTF8.self))")
    }
    try expectEqual(try read(stored.eventType, String(decoding: stored.data, as: UTF8.self)), charge,
                    reading: String(decoding: stored.data, as: UTF8.self))
}

suite.check("a stay stored by release 1.0 takes new charges with their currency and checks out") { trace in
    let store = InMemoryEventStore(clock: { arrival }), ids = SequentialIDs()
    let desk = GuestStayService(store: store, makeEventID: ids.make)
    func readModels() throws -> [String: JSONValue] {
        let charges = readable {
            .array(try codec.decode(store.readStream("guest_stay-s-1")).compactMap {
                guard case .chargeRecorded(let charge) = $0.event else { return nil }
                return ["chargeId": .string(charge.chargeID), "amount": .int(Int64(charge.amount)), "currency": .string(charge.currency)]
            })
        }
        return ["GuestStay s-1": readable { try JSONValue(encoding: desk.load("guest_stay-s-1")) }, "charges of s-1 (as read today)": charges]
    }
    var messages = 0
    func run(_ title: String, _ command: GuestStayCommand) throws -> [GuestStayEvent] {
        messages += 1
        return try trace.step(title, store: store) {
            try desk.handle(command, context: MessageContext(messageID: "desk-\(messages)", correlationID: "visit-s-1"))
        } readModels: { try readModels() }
    }
    try trace.step("Release 1.0 stored: Ana checked in, a charge of 100 (no currency field)", store: store) {
        try storeRaw(store, "guest_stay-s-1", [("GuestCheckedIn", storedCheckIn), ("ChargeRecorded", storedChargeWithoutCurrency)], ids: ids)
    } readModels: { try readModels() }
    _ = try run("Release 1.1: RecordCharge 20 EUR (minibar), stored with its currency",
                .recordCharge(stayID: "s-1", guestID: "ana", chargeID: "c-2", amount: 20, currency: "EUR", now: arrival))
    _ = try run("RecordPayment 120", .recordPayment(stayID: "s-1", guestID: "ana", paymentID: "p-1", amount: 120, now: departure))
    let checkout = try run("CheckOut", .checkOut(stayID: "s-1", guestID: "ana", now: departure))
    guard checkout == [.guestCheckedOut(GuestCheckedOut(stayID: "s-1", at: departure))] else {
        throw SpecFailure("Checking out after paying everything should record GuestCheckedOut; it recorded \(checkout).")
    }
    let currencies = try codec.decode(store.readStream("guest_stay-s-1")).compactMap { envelope -> String? in
        if case .chargeRecorded(let charge) = envelope.event { charge.currency } else { nil }
    }
    guard currencies == ["EUR", "EUR"] else {
        throw SpecFailure("Currencies of the stay's charges:\n  expected EUR (stored without one), EUR\n  actual   \(currencies.joined(separator: ", "))")
    }
}

/// "One currency per stay" is a rule of the decider, so it has checks of its own: the first
/// charge sets the stay's currency (a stored charge without one counts as EUR).
@MainActor func checkOneCurrencyPerStay() {
    let euros = GuestStayEvent.chargeRecorded(ChargeRecorded(stayID: "s-1", chargeID: "c-1", amount: 100, currency: "EUR", at: arrival))
    suite.check("a charge in another currency than the stay's first charge is refused: currencyMismatch") { _ in
        try spec.given([checkedIn, euros])
            .when(.recordCharge(stayID: "s-1", guestID: "ana", chargeID: "c-2", amount: 80, currency: "USD", now: arrival))
            .thenThrows(GuestStayError.currencyMismatch)
    }
    suite.check("a second charge in the stay's currency is recorded") { _ in
        try spec.given([checkedIn, euros])
            .when(.recordCharge(stayID: "s-1", guestID: "ana", chargeID: "c-2", amount: 80, currency: "EUR", now: arrival))
            .then([.chargeRecorded(ChargeRecorded(stayID: "s-1", chargeID: "c-2", amount: 80, currency: "EUR", at: arrival))])
    }
}
checkOneCurrencyPerStay()

suite.run()
