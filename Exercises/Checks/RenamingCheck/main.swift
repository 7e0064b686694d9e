// Checks for exercise "renaming": PaymentRecorded becomes PaymentReceived; both names read as
// one type, and a downcaster feeds Finance the old shape.
import EventSourcing
import EventSourcingTesting
import Foundation
import Renaming
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

// Stored JSON, exactly as earlier releases wrote it (dates in ISO 8601, as EventCodec writes them).
let storedCheckIn = #"{"at":"2026-03-14T14:00:00Z","checkedInBy":"maria","guest":{"id":"ana","name":"Ana Lima"},"roomNumber":"101","stayId":"s-1"}"#
let storedCharge = #"{"amount":100,"at":"2026-03-14T14:00:00Z","chargeId":"c-1","currency":"EUR","stayId":"s-1"}"#
let storedPayment = #"{"amount":40,"at":"2026-03-14T14:00:00Z","paymentId":"p-1","stayId":"s-1"}"#
let metadata = EventMetadata(correlationID: "visit-s-1", causationID: "desk-1", headers: ["user": "maria"])

func storeRaw(_ store: InMemoryEventStore, _ rows: [(type: String, version: Int, json: String)], ids: SequentialIDs) throws {
    try store.append(to: "guest_stay-s-1", events: rows.map {
        EventData(eventID: ids.make(), eventType: $0.type, schemaVersion: $0.version, data: Data($0.json.utf8), metadata: metadata)
    })
}

func readStoredPayment() throws -> PaymentReceived {
    let store = InMemoryEventStore(clock: { arrival })
    try storeRaw(store, [("PaymentRecorded", 1, storedPayment)], ids: SequentialIDs())
    guard let recorded = try store.readStream("guest_stay-s-1").first else { throw SpecFailure("nothing stored") }
    let event = try codec.decode(recorded).event
    guard case .paymentReceived(let payment) = event else {
        throw SpecFailure("A stored PaymentRecorded should read as .paymentReceived; it read as \(event).")
    }
    return payment
}

func json(_ value: JSONValue) -> String {
    (try? value.encoded()).map { String(decoding: $0, as: UTF8.self) } ?? "\(value)"
}

func expectMessage(_ actual: FinanceMessage, _ expected: FinanceMessage) throws {
    guard actual == expected else {
        throw SpecFailure("""
            Finance message differs.
              expected \(expected.eventType) v\(expected.schemaVersion) \(json(expected.data))
              actual   \(actual.eventType) v\(actual.schemaVersion) \(json(actual.data))
            """)
    }
}

/// A read model, or why today's code cannot build it yet: the Read models pane shows either.
func readable(_ build: () throws -> JSONValue) -> JSONValue {
    do { return try build() } catch { return .string("cannot be read: \(error)") }
}

var suite = CheckSuite("renaming")

suite.check("a stored PaymentRecorded reads as PaymentReceived: at becomes receivedAt, the method is unknown") { _ in
    let payment = try readStoredPayment()
    let expected = PaymentReceived(stayID: "s-1", paymentID: "p-1", amount: 40, method: .unknown, receivedAt: arrival)
    guard payment == expected else {
        throw SpecFailure("Reading PaymentRecorded v1 \(storedPayment)\n  expected \(GuestStayEvent.paymentReceived(expected))\n  actual   \(GuestStayEvent.paymentReceived(payment))")
    }
}

suite.check("a new payment is stored under its new name, PaymentReceived v1") { _ in
    let stored = try codec.encode(.paymentReceived(PaymentReceived(stayID: "s-1", paymentID: "p-2", amount: 60, method: .card, receivedAt: arrival)))
    guard stored.eventType == "PaymentReceived", stored.schemaVersion == 1 else {
        throw SpecFailure("Stored as \(stored.eventType) v\(stored.schemaVersion), expected PaymentReceived v1 (a new name starts its versions at 1).")
    }
}

suite.check("the downcast of a payment read from old JSON gives back exactly that old JSON") { _ in
    let message = try FinanceFeed.downcast(try readStoredPayment())
    let original = try JSONValue(data: Data(storedPayment.utf8))
    try expectMessage(message, FinanceMessage(eventType: "PaymentRecorded", schemaVersion: 1, data: original))
    let bytes = String(decoding: try message.data.encoded(), as: UTF8.self)
    guard bytes == storedPayment else {
        throw SpecFailure("Byte for byte:\n  expected \(storedPayment)\n  actual   \(bytes)")
    }
}

suite.check("a card payment made today reaches Finance in the old shape, without the method") { _ in
    let payment = PaymentReceived(stayID: "s-2", paymentID: "p-9", amount: 250, method: .card, receivedAt: departure)
    try expectMessage(try FinanceFeed.downcast(payment), FinanceMessage(
        eventType: "PaymentRecorded", schemaVersion: 1,
        data: ["stayId": "s-2", "paymentId": "p-9", "amount": 250, "at": .string(JSONCoding.iso8601(departure))]))
}

suite.check("a stay paid under both names checks out, and Finance gets every payment in the old shape") { trace in
    let store = InMemoryEventStore(clock: { departure }), ids = SequentialIDs()
    let desk = GuestStayService(store: store, makeEventID: ids.make)
    func readModels() throws -> [String: JSONValue] {
        let feed = readable {
            .array(try FinanceFeed.messages(from: store.readAll(after: 0, limit: 1000)).map { message -> JSONValue in
                ["type": .string("\(message.eventType) v\(message.schemaVersion)"), "data": message.data]
            })
        }
        return ["GuestStay s-1": readable { try JSONValue(encoding: desk.load("guest_stay-s-1")) }, "Finance feed (old shape)": feed]
    }
    try trace.step("Stored earlier: check-in, charge 100, PaymentRecorded 40 (old name)", store: store) {
        try storeRaw(store, [("GuestCheckedIn", 2, storedCheckIn), ("ChargeRecorded", 1, storedCharge), ("PaymentRecorded", 1, storedPayment)], ids: ids)
    } readModels: { try readModels() }
    try trace.step("RecordPayment 60 by card: stored as PaymentReceived", store: store) {
        try desk.handle(.recordPayment(stayID: "s-1", guestID: "ana", paymentID: "p-2", amount: 60, method: .card, now: departure),
                        context: MessageContext(messageID: "desk-2", correlationID: "visit-s-1"))
    } readModels: { try readModels() }
    let done = try trace.step("CheckOut", store: store) {
        try desk.handle(.checkOut(stayID: "s-1", guestID: "ana", now: departure), context: MessageContext(messageID: "desk-3", correlationID: "visit-s-1"))
    } readModels: { try readModels() }
    guard done == [.guestCheckedOut(GuestCheckedOut(stayID: "s-1", at: departure))] else {
        throw SpecFailure("With 100 charged and 40 + 60 paid, CheckOut should record GuestCheckedOut; it recorded \(done).")
    }
    let feed = try FinanceFeed.messages(from: store.readAll(after: 0, limit: 1000))
    let expected: [FinanceMessage] = [
        FinanceMessage(eventType: "PaymentRecorded", schemaVersion: 1, data: try JSONValue(data: Data(storedPayment.utf8))),
        FinanceMessage(eventType: "PaymentRecorded", schemaVersion: 1, data: [
            "stayId": "s-1", "paymentId": "p-2", "amount": 60, "at": .string(JSONCoding.iso8601(departure))]),
    ]
    guard feed == expected else {
        throw SpecFailure.mismatch("Finance messages", expected: expected.map { "\($0.eventType) v\($0.schemaVersion) \(json($0.data))" },
                                   actual: feed.map { "\($0.eventType) v\($0.schemaVersion) \(json($0.data))" }, firstDifference: nil)
    }
}

suite.run()
