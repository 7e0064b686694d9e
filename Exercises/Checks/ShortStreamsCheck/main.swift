// Checks for exercise "short-streams": one stream per stay, the guest's history as a read model.
import EventSourcing
import EventSourcingTesting
import Foundation
import ShortStreams
import Synchronization

let march = Date(timeIntervalSince1970: 1_773_496_800)  // 2026-03-14 14:00 UTC
let june = Date(timeIntervalSince1970: 1_781_445_600)  // 2026-06-14 14:00 UTC

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

/// Ana stays in March (s-1, settled and checked out) and comes back in June (s-2); Ben stays
/// in between (s-3). Each step is recorded in the trace with the read models after it.
final class Scenario {
    let store = InMemoryEventStore(clock: { march })
    let desk: GuestStayService
    let history = GuestHistory.projection()
    let trace: Trace?
    private let messages = Mutex(0)

    init(trace: Trace?) {
        desk = GuestStayService(store: store, makeEventID: SequentialIDs().make)
        self.trace = trace
    }

    @discardableResult
    func run(_ title: String, _ command: GuestStayCommand) throws -> [GuestStayEvent] {
        let number = messages.withLock { number in
            number += 1
            return number
        }
        let context = MessageContext(messageID: "desk-\(number)", correlationID: "visit-\(command.stayID)")
        guard let trace else { return try desk.handle(command, context: context) }
        return try trace.step(title, store: store) {
            try desk.handle(command, context: context)
        } readModels: {
            try ProjectionRunner(store: store).catchUp(history)
            return ["GuestHistory": try JSONValue(encoding: history.readModel.stays),
                    "GuestStay \(command.stayID)": try JSONValue(encoding: desk.load(GuestStayService.streamID(for: command)))]
        }
    }

    /// Everything up to Ana's second check-in, which the checks then try.
    func firstStays() throws {
        try run("CheckIn Ana, stay s-1 (March)", .checkIn(stayID: "s-1", guestID: "ana", roomNumber: "101", now: march))
        try run("RecordCharge 100 on s-1", .recordCharge(stayID: "s-1", guestID: "ana", chargeID: "c-1", amount: 100, now: march))
        try run("CheckIn Ben, stay s-3", .checkIn(stayID: "s-3", guestID: "ben", roomNumber: "204", now: march))
        try run("RecordPayment 100 on s-1", .recordPayment(stayID: "s-1", guestID: "ana", paymentID: "p-1", amount: 100, now: march))
        try run("CheckOut s-1", .checkOut(stayID: "s-1", guestID: "ana", now: march))
    }

    func secondStay() throws {
        do {
            try run("CheckIn Ana again, stay s-2 (June)", .checkIn(stayID: "s-2", guestID: "ana", roomNumber: "305", now: june))
        } catch {
            throw SpecFailure("""
                Ana could not check in for her second stay (s-2): \(error).
                Her new stay was loaded together with the events of her first, checked-out stay.
                """)
        }
        try run("RecordCharge 30 on s-2", .recordCharge(stayID: "s-2", guestID: "ana", chargeID: "c-2", amount: 30, now: june))
    }
}

func versions(_ store: InMemoryEventStore, _ stream: String) throws -> [Int64] {
    try store.readStream(stream).map(\.streamVersion)
}

var suite = CheckSuite("short-streams")

suite.check("a stay's events go to its own stream, guest_stay-{stayId}") { _ in
    let command = GuestStayCommand.checkIn(stayID: "s-1", guestID: "ana", roomNumber: "101", now: march)
    let actual = GuestStayService.streamID(for: command)
    guard actual == "guest_stay-s-1" else {
        throw SpecFailure("Stream for stay s-1 of guest ana:\n  expected guest_stay-s-1\n  actual   \(actual)")
    }
}

suite.check("a returning guest can check in again: the new stay starts from nothing") { _ in
    let scenario = Scenario(trace: nil)
    try scenario.firstStays()
    let events: [GuestStayEvent]
    do {
        events = try scenario.desk.handle(.checkIn(stayID: "s-2", guestID: "ana", roomNumber: "305", now: june),
                                          context: MessageContext(messageID: "desk-9"))
    } catch {
        throw SpecFailure("""
            Ana's check-in for her second stay (s-2), after s-1 was checked out, was refused: \(error).
            It was decided on the state of the stream that also holds s-1.
            """)
    }
    let expected: [GuestStayEvent] = [.guestCheckedIn(GuestCheckedIn(stayID: "s-2", guestID: "ana", roomNumber: "305", at: june))]
    guard events == expected else {
        throw SpecFailure.mismatch("Events of Ana's second check-in", expected: expected, actual: events, firstDifference: 0)
    }
}

suite.check("two stays of the same guest make two streams, each starting at version 1") { _ in
    let scenario = Scenario(trace: nil)
    try scenario.firstStays()
    try scenario.secondStay()
    let first = try versions(scenario.store, "guest_stay-s-1"), second = try versions(scenario.store, "guest_stay-s-2")
    guard first == [1, 2, 3, 4], second == [1, 2] else {
        throw SpecFailure("""
            Stream versions:
              expected guest_stay-s-1 [1, 2, 3, 4] and guest_stay-s-2 [1, 2]
              actual   guest_stay-s-1 \(first) and guest_stay-s-2 \(second)
            """)
    }
}

suite.check("loading a stay reads only its own events") { _ in
    let scenario = Scenario(trace: nil)
    try scenario.firstStays()
    try scenario.secondStay()
    let stay = try scenario.desk.load("guest_stay-s-2")
    guard stay == GuestStay(status: .checkedIn, balance: -30, chargeIDs: ["c-2"]) else {
        throw SpecFailure("Ana's second stay s-2:\n  expected status checkedIn, balance -30\n  actual   status \(stay.status.rawValue), balance \(stay.balance)")
    }
}

suite.check("the guest's history keeps each guest's stays, oldest first") { _ in
    let events: [GuestStayEvent] = [
        .guestCheckedIn(GuestCheckedIn(stayID: "s-1", guestID: "ana", roomNumber: "101", at: march)),
        .guestCheckedIn(GuestCheckedIn(stayID: "s-3", guestID: "ben", roomNumber: "204", at: march)),
        .chargeRecorded(ChargeRecorded(stayID: "s-1", chargeID: "c-1", amount: 100, at: march)),
        .chargeRecorded(ChargeRecorded(stayID: "s-3", chargeID: "c-9", amount: 80, at: march)),
        .paymentRecorded(PaymentRecorded(stayID: "s-1", paymentID: "p-1", amount: 100, at: march)),
        .guestCheckedOut(GuestCheckedOut(stayID: "s-1", at: march)),
        .guestCheckedIn(GuestCheckedIn(stayID: "s-2", guestID: "ana", roomNumber: "305", at: june)),
        .chargeRecorded(ChargeRecorded(stayID: "s-2", chargeID: "c-2", amount: 30, at: june)),
        .chargeRecorded(ChargeRecorded(stayID: "s-2", chargeID: "c-3", amount: 12, at: june)),
    ]
    var history = GuestHistory()
    for event in events { GuestHistory.apply(&history, event) }
    let expected: [String: [GuestHistory.Stay]] = [
        "ana": [GuestHistory.Stay(stayID: "s-1", roomNumber: "101", status: .checkedOut, charged: 100),
                GuestHistory.Stay(stayID: "s-2", roomNumber: "305", status: .checkedIn, charged: 42)],
        "ben": [GuestHistory.Stay(stayID: "s-3", roomNumber: "204", status: .checkedIn, charged: 80)],
    ]
    guard history.stays == expected else {
        throw SpecFailure("""
            GuestHistory.stays differs.
            Expected: \(try rows(expected))
            Actual:   \(try rows(history.stays))
            """)
    }
}

suite.check("Ana's two visits and Ben's, through the front desk and the history projection") { trace in
    let scenario = Scenario(trace: trace)
    try scenario.firstStays()
    try scenario.secondStay()
    try ProjectionRunner(store: scenario.store).catchUp(scenario.history)
    let ana = scenario.history.readModel.stays["ana"] ?? []
    let expected = [GuestHistory.Stay(stayID: "s-1", roomNumber: "101", status: .checkedOut, charged: 100),
                    GuestHistory.Stay(stayID: "s-2", roomNumber: "305", status: .checkedIn, charged: 30)]
    guard ana == expected else {
        throw SpecFailure("Ana's history:\n  expected \(try JSONValue(encoding: expected).encoded().utf8)\n  actual   \(try JSONValue(encoding: ana).encoded().utf8)")
    }
}

suite.run()

/// One line per guest, for messages.
func rows(_ stays: [String: [GuestHistory.Stay]]) throws -> String {
    if stays.isEmpty { return "(no guests)" }
    return try stays.keys.sorted().map { guest in
        "\n  \(guest): \(try JSONValue(encoding: stays[guest] ?? []).encoded().utf8)"
    }.joined()
}

extension Data {
    var utf8: String { String(decoding: self, as: UTF8.self) }
}
