// Checks for exercise "decider": decide turns commands into facts, or refuses them.
import Decider
import EventSourcing
import EventSourcingTesting
import Foundation
import Synchronization

let arrival = Date(timeIntervalSince1970: 1_773_496_800)  // 2026-03-14 14:00 UTC
let departure = Date(timeIntervalSince1970: 1_773_655_200)  // 2026-03-16 10:00 UTC

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

// Given: facts of stay s-1 of guest g-1.
let checkedIn = GuestStayEvent.guestCheckedIn(GuestCheckedIn(stayID: "s-1", guestID: "g-1", roomNumber: "101", at: arrival))
func charged(_ amount: Int, id: String = "c-1") -> GuestStayEvent {
    .chargeRecorded(ChargeRecorded(stayID: "s-1", chargeID: id, amount: amount, at: arrival))
}
func paid(_ amount: Int, id: String = "p-1") -> GuestStayEvent {
    .paymentRecorded(PaymentRecorded(stayID: "s-1", paymentID: id, amount: amount, at: arrival))
}
let checkedOut = GuestStayEvent.guestCheckedOut(GuestCheckedOut(stayID: "s-1", at: departure))

// When: the front desk's commands.
let checkIn = GuestStayCommand.checkIn(stayID: "s-1", guestID: "g-1", roomNumber: "101", now: arrival)
func charge(_ amount: Int, id: String = "c-1") -> GuestStayCommand {
    .recordCharge(stayID: "s-1", guestID: "g-1", chargeID: id, amount: amount, now: arrival)
}
func pay(_ amount: Int, id: String = "p-1") -> GuestStayCommand {
    .recordPayment(stayID: "s-1", guestID: "g-1", paymentID: id, amount: amount, now: arrival)
}
let checkOut = GuestStayCommand.checkOut(stayID: "s-1", guestID: "g-1", now: departure)

let spec = DeciderSpec(GuestStay.decider)
var suite = CheckSuite("decider")

suite.check("checking in a new stay records GuestCheckedIn") { _ in
    try spec.given([]).when(checkIn).then([checkedIn])
}

suite.check("checking in again changes nothing (a retried request)") { _ in
    try spec.given([checkedIn]).when(checkIn).thenNothingHappened()
}

suite.check("a charge on an open stay is recorded as it was asked") { _ in
    try spec.given([checkedIn]).when(charge(100)).then([charged(100)])
}

suite.check("a payment on an open stay is recorded as it was asked") { _ in
    try spec.given([checkedIn, charged(100)]).when(pay(40)).then([paid(40)])
}

suite.check("a charge on a stay that was never checked in is refused: stayNotOpened") { _ in
    try spec.given([]).when(charge(100)).thenThrows(GuestStayError.stayNotOpened)
}

suite.check("a payment on a stay that was never checked in is refused: stayNotOpened") { _ in
    try spec.given([]).when(pay(100)).thenThrows(GuestStayError.stayNotOpened)
}

suite.check("a charge or payment of 0 or less is refused: amountNotPositive") { _ in
    try spec.given([checkedIn]).when(charge(0)).thenThrows(GuestStayError.amountNotPositive)
    try spec.given([checkedIn]).when(charge(-50)).thenThrows(GuestStayError.amountNotPositive)
    try spec.given([checkedIn]).when(pay(-50)).thenThrows(GuestStayError.amountNotPositive)
}

suite.check("checking out with a settled balance records GuestCheckedOut") { _ in
    try spec.given([checkedIn, charged(100), paid(100)]).when(checkOut).then([checkedOut])
}

suite.check("checking out while the guest still owes records GuestCheckoutFailed(balanceNotSettled)") { _ in
    try spec.given([checkedIn, charged(100), paid(40)]).when(checkOut)
        .then([.guestCheckoutFailed(GuestCheckoutFailed(stayID: "s-1", reason: .balanceNotSettled, at: departure))])
}

suite.check("checking out after paying too much also fails: the guest is owed a refund first") { _ in
    try spec.given([checkedIn, charged(100), paid(150)]).when(checkOut)
        .then([.guestCheckoutFailed(GuestCheckoutFailed(stayID: "s-1", reason: .balanceNotSettled, at: departure))])
}

suite.check("checking out a stay that was never checked in is refused: stayNotOpened") { _ in
    try spec.given([]).when(checkOut).thenThrows(GuestStayError.stayNotOpened)
}

suite.check("checking out twice changes nothing the second time") { _ in
    try spec.given([checkedIn, charged(100), paid(100), checkedOut]).when(checkOut).thenNothingHappened()
}

suite.check("a checked-out stay takes no more charges, payments or check-ins: stayClosed") { _ in
    let closed = [checkedIn, charged(100), paid(100), checkedOut]
    try spec.given(closed).when(charge(20, id: "c-2")).thenThrows(GuestStayError.stayClosed)
    try spec.given(closed).when(pay(20, id: "p-2")).thenThrows(GuestStayError.stayClosed)
    try spec.given(closed).when(checkIn).thenThrows(GuestStayError.stayClosed)
}

suite.check("a whole visit through the front desk: a failed checkout, a payment, a checkout") { trace in
    let store = InMemoryEventStore(clock: { arrival })
    let desk = GuestStayService(store: store, makeEventID: SequentialIDs().make)
    let stream = GuestStayService.streamID(for: checkIn)
    var step = 0
    func run(_ title: String, _ command: GuestStayCommand) throws -> [GuestStayEvent] {
        step += 1
        return try trace.step(title, store: store) {
            try desk.handle(command, context: MessageContext(messageID: "desk-\(step)", correlationID: "visit-s-1"))
        } readModels: {
            ["GuestStay s-1": try JSONValue(encoding: desk.load(stream))]
        }
    }
    _ = try run("CheckIn s-1 (guest g-1, room 101)", checkIn)
    _ = try run("RecordCharge 100 (two nights)", charge(100))
    _ = try run("RecordPayment 40 (deposit)", pay(40))
    let failed = try run("CheckOut: 60 still owed", checkOut)
    _ = try run("RecordPayment 60", pay(60, id: "p-2"))
    let done = try run("CheckOut", checkOut)
    let again = try run("CheckOut again (the desk retried)", checkOut)

    let expected = GuestStay(status: .checkedOut, balance: 0, chargeIDs: ["c-1"], paymentIDs: ["p-1", "p-2"])
    let actual = try desk.load(stream)
    guard failed.count == 1, case .guestCheckoutFailed = failed[0] else {
        throw SpecFailure("The first CheckOut, with 60 owed, should record GuestCheckoutFailed; it recorded \(failed).")
    }
    guard done.count == 1, case .guestCheckedOut = done[0] else {
        throw SpecFailure("The CheckOut after paying everything should record GuestCheckedOut; it recorded \(done).")
    }
    guard again.isEmpty else {
        throw SpecFailure("Checking out again should record nothing; it recorded \(again).")
    }
    guard actual == expected else {
        throw SpecFailure("After the visit the stay should be \(expected); it is \(actual).")
    }
}

/// A double click sends the same command twice, with the same id: the second must record
/// nothing, while a new id (even for the same amount) is a new charge.
@MainActor func checkRetriedChargesAndPayments() {
    suite.check("a charge sent again with the same id changes nothing (a double click)") { _ in
        try spec.given([checkedIn, charged(100)]).when(charge(100)).thenNothingHappened()
        try spec.given([checkedIn, charged(100), paid(40)]).when(charge(100)).thenNothingHappened()
    }
    suite.check("a payment sent again with the same id changes nothing") { _ in
        try spec.given([checkedIn, charged(100), paid(40)]).when(pay(40)).thenNothingHappened()
    }
    suite.check("a second charge with a new id but the same amount is a new charge") { _ in
        try spec.given([checkedIn, charged(100)]).when(charge(100, id: "c-2")).then([charged(100, id: "c-2")])
        try spec.given([checkedIn, charged(100), paid(40)]).when(pay(40, id: "p-2")).then([paid(40, id: "p-2")])
    }
}
checkRetriedChargesAndPayments()

suite.run()
