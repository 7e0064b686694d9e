// Checks for exercise "facts": evolve turns specific facts into the stay's state.
import EventSourcing
import EventSourcingTesting
import Facts
import Foundation
import Synchronization

let arrival = Date(timeIntervalSince1970: 1_773_496_800)  // 2026-03-14 14:00 UTC
let fixedClock: @Sendable () -> Date = { arrival }

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

let checkedIn = GuestStayEvent.guestCheckedIn(GuestCheckedIn(stayID: "s-1", guestID: "g-1", roomNumber: "101", at: arrival))
func charge(_ amount: Int, id: String = "c-1") -> GuestStayEvent {
    .chargeRecorded(ChargeRecorded(stayID: "s-1", chargeID: id, amount: amount, at: arrival))
}
func payment(_ amount: Int, id: String = "p-1") -> GuestStayEvent {
    .paymentRecorded(PaymentRecorded(stayID: "s-1", paymentID: id, amount: amount, at: arrival))
}
let checkedOut = GuestStayEvent.guestCheckedOut(GuestCheckedOut(stayID: "s-1", at: arrival))
let checkoutFailed = GuestStayEvent.guestCheckoutFailed(GuestCheckoutFailed(stayID: "s-1", reason: .balanceNotSettled, at: arrival))

/// An event in a few words, for messages.
func words(_ event: GuestStayEvent) -> String {
    switch event {
    case .guestCheckedIn: "checked in"
    case .chargeRecorded(let charge): "charge \(charge.amount)"
    case .paymentRecorded(let payment): "payment \(payment.amount)"
    case .guestCheckedOut: "checked out"
    case .guestCheckoutFailed: "checkout failed"
    }
}

func words(_ stay: GuestStay) -> String { "status \(stay.status.rawValue), balance \(stay.balance)" }

/// Given these facts, then this state; otherwise a message with expected against actual.
func expect(after events: [GuestStayEvent], _ expected: GuestStay) throws {
    let actual = events.reduce(GuestStay.initial, GuestStay.evolve)
    guard actual == expected else {
        throw SpecFailure("""
            After [\(events.map(words).joined(separator: ", "))]:
              expected \(words(expected))
              actual   \(words(actual))
            """)
    }
}

var suite = CheckSuite("facts")

suite.check("checking in opens the stay with a balance of 0") { _ in
    try expect(after: [checkedIn], GuestStay(status: .checkedIn, balance: 0))
}

suite.check("a charge of 100 leaves the guest owing 100 (balance -100)") { _ in
    try expect(after: [checkedIn, charge(100)], GuestStay(status: .checkedIn, balance: -100))
}

suite.check("a charge of 100 and a payment of 40 leave a balance of -60") { _ in
    try expect(after: [checkedIn, charge(100), payment(40)], GuestStay(status: .checkedIn, balance: -60))
}

suite.check("every charge counts, not only the last one") { _ in
    try expect(after: [checkedIn, charge(100), charge(30, id: "c-2"), payment(50)], GuestStay(status: .checkedIn, balance: -80))
}

suite.check("paying what was charged settles the balance at 0") { _ in
    try expect(after: [checkedIn, charge(100), payment(60), payment(40, id: "p-2")], GuestStay(status: .checkedIn, balance: 0))
}

suite.check("a failed checkout is kept as a fact but changes nothing") { _ in
    try expect(after: [checkedIn, charge(100), checkoutFailed], GuestStay(status: .checkedIn, balance: -100))
}

suite.check("checking out closes the stay and keeps its balance") { _ in
    try expect(after: [checkedIn, charge(100), payment(100), checkedOut], GuestStay(status: .checkedOut, balance: 0))
    try expect(after: [checkedIn, charge(100), checkedOut], GuestStay(status: .checkedOut, balance: -100))
}

suite.check("the same visit stored as facts replays to the balance v0 stored, and says how it got there") { trace in
    let store = InMemoryEventStore(clock: fixedClock)
    let ids = SequentialIDs()
    let codec = GuestStayEvent.codec

    // v0: Ana's visit, as the first deployment stored it.
    let desk = FrontDeskV0(store: store, makeEventID: ids.make)
    func v0Folio() throws -> JSONValue {
        try store.readStream("guest-ana").last.map { try JSONValue(data: $0.data) } ?? .null
    }
    try trace.step("v0: check in Ana (stay s-0)", store: store) { try desk.checkIn(guestID: "ana", stayID: "s-0") } readModels: { ["v0 folio of guest-ana (last GuestStayUpdated)": try v0Folio()] }
    try trace.step("v0: charge 100", store: store) { try desk.recordCharge(guestID: "ana", stayID: "s-0", amount: 100) } readModels: { ["v0 folio of guest-ana (last GuestStayUpdated)": try v0Folio()] }
    try trace.step("v0: payment 40", store: store) { try desk.recordPayment(guestID: "ana", stayID: "s-0", amount: 40) } readModels: { ["v0 folio of guest-ana (last GuestStayUpdated)": try v0Folio()] }

    // Now: the same visit for Ben, as facts, replayed through evolve.
    func replayed() throws -> GuestStay {
        try codec.decode(store.readStream("guest-ben")).map(\.event).reduce(GuestStay.initial, GuestStay.evolve)
    }
    let metadata = MessageContext(messageID: "desk-1").eventMetadata
    for event in [checkedIn, charge(100), payment(40)] {
        try trace.step("facts: \(words(event))", store: store) {
            try store.append(to: "guest-ben", events: [codec.encode(event, eventID: ids.make(), metadata: metadata)])
        } readModels: {
            ["GuestStay of guest-ben (replayed facts)": try JSONValue(encoding: replayed())]
        }
    }

    let v0Balance = try v0Folio()["balance"]?.intValue
    let stay = try replayed()
    guard stay == GuestStay(status: .checkedIn, balance: -60), v0Balance == -60 else {
        throw SpecFailure("""
            Replaying Ben's facts [checked in, charge 100, payment 40]:
              expected status checkedIn, balance -60 (what v0 stored for Ana: \(v0Balance.map(String.init) ?? "nothing"))
              actual   \(words(stay))
            """)
    }
}

suite.run()
