// Checks for exercise "choreography": a stateless saga turns the group checkout's events into
// commands for the stays, and the stays' answers into commands for the group.
import Choreography
import EventSourcing
import EventSourcingTesting
import Foundation
import Synchronization

let nine = Date(timeIntervalSince1970: 1_773_565_200)  // 2026-03-15 09:00 UTC
func at(_ minutes: Int) -> Date { nine.addingTimeInterval(Double(minutes * 60)) }

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

func expect<C: Equatable>(_ actual: [C], _ expected: [C], when situation: String) throws {
    guard actual == expected else {
        throw SpecFailure("When \(situation):\n"
            + SpecFailure.mismatch("Commands", expected: expected, actual: actual, firstDifference: nil).message)
    }
}

var suite = CheckSuite("choreography")

suite.check("given GroupCheckoutInitiated for a, b and c, then three CheckOutGuest commands, in order, naming the group") { _ in
    let initiated = GroupCheckoutInitiated(groupCheckoutID: "g-1", clerkID: "clerk-7", stayIDs: ["a", "b", "c"], at: at(0))
    try expect(GroupCheckoutSaga.handle(initiated), [
        .checkOutGuest(stayID: "a", groupCheckoutID: "g-1", now: at(0)),
        .checkOutGuest(stayID: "b", groupCheckoutID: "g-1", now: at(0)),
        .checkOutGuest(stayID: "c", groupCheckoutID: "g-1", now: at(0)),
    ], when: "the desk starts g-1 for a, b, c at 09:00 (each command carries the group id, and the event's time, not the clock's)")
}

suite.check("given a group of one, then exactly one CheckOutGuest") { _ in
    let initiated = GroupCheckoutInitiated(groupCheckoutID: "g-2", clerkID: "clerk-2", stayIDs: ["z"], at: at(5))
    try expect(GroupCheckoutSaga.handle(initiated), [.checkOutGuest(stayID: "z", groupCheckoutID: "g-2", now: at(5))],
               when: "g-2 is started for z alone")
}

suite.check("given a checkout outside any group, then nothing") { _ in
    try expect(GroupCheckoutSaga.handle(GuestCheckedOut(stayID: "a", groupCheckoutID: nil, at: at(3))), [],
               when: "a guest checks out on their own")
    try expect(GroupCheckoutSaga.handle(GuestCheckoutFailed(stayID: "a", groupCheckoutID: nil, at: at(3))), [],
               when: "a guest's own checkout fails")
}

suite.check("given a group's stay checked out, then RecordGuestCheckoutCompletion for that group") { _ in
    try expect(GroupCheckoutSaga.handle(GuestCheckedOut(stayID: "b", groupCheckoutID: "g-1", at: at(3))),
               [.recordGuestCheckoutCompletion(groupCheckoutID: "g-1", stayID: "b", now: at(3))],
               when: "stay b of g-1 checks out at 09:03")
}

suite.check("given a group's stay failed to check out, then RecordGuestCheckoutFailure (not a completion)") { _ in
    try expect(GroupCheckoutSaga.handle(GuestCheckoutFailed(stayID: "c", groupCheckoutID: "g-1", at: at(4))),
               [.recordGuestCheckoutFailure(groupCheckoutID: "g-1", stayID: "c", now: at(4))],
               when: "stay c of g-1 fails to check out at 09:04")
}

suite.check("the hotel checks out a tour group: a and b leave, c still owes 30, the group fails naming c") { trace in
    let store = InMemoryEventStore(clock: { nine })
    let hotel = Hotel(store: store, makeEventID: SequentialIDs().make)
    func readModels() throws -> [String: JSONValue] {
        [
            "Saga message log": try JSONValue(encoding: hotel.messageLog),
            "GroupCheckout g-1": try JSONValue(encoding: hotel.group("g-1")),
            "Saga checkpoint": .int(hotel.checkpoint),
        ]
    }
    try trace.step("Earlier: a, b and c checked in; c ran up 30 at the bar, a and b settled", store: store) {
        for (stay, room) in [("a", "101"), ("b", "102"), ("c", "103")] {
            try hotel.handle(.checkIn(stayID: stay, guestID: "guest-\(stay)", roomNumber: room, now: nine), context: MessageContext(messageID: "desk-in-\(stay)"))
        }
        try hotel.handle(.recordCharge(stayID: "c", chargeID: "bar-1", amount: 30, now: nine), context: MessageContext(messageID: "desk-bar-1"))
        try hotel.deliverAll()
    } readModels: { try readModels() }
    try trace.step("InitiateGroupCheckout g-1 for a, b, c", store: store) {
        try hotel.handle(.initiateGroupCheckout(groupCheckoutID: "g-1", clerkID: "clerk-7", stayIDs: ["a", "b", "c"], now: at(0)),
                         context: MessageContext(messageID: "desk-group-1", correlationID: "tour-g-1"))
    } readModels: { try readModels() }
    var delivered = 0
    while delivered < 50 {
        guard let next = try store.readAll(after: hotel.checkpoint, limit: 1).first else { break }
        try trace.step("Saga reads \(next.eventType) (\(next.streamID))", store: store) {
            try hotel.deliverNext()
        } readModels: { try readModels() }
        delivered += 1
    }
    let group = try hotel.group("g-1")
    guard group.status == .failed, group.stays == ["a": .checkedOut, "b": .checkedOut, "c": .failed] else {
        throw SpecFailure("After the saga caught up, g-1 should be failed with a and b checked out and c failed; it is \(group.status.rawValue) with "
            + group.stayIDs.map { "\($0) \(group.stays[$0]?.rawValue ?? "?")" }.joined(separator: ", ")
            + ".\nSaga message log:\n" + hotel.messageLog.map { "  \($0.event) -> \($0.commands)" }.joined(separator: "\n"))
    }
    let groupEvents = try store.readStream("group_checkout-g-1").map(\.eventType)
    let expected = ["GroupCheckoutInitiated", "GuestCheckoutCompletionRecorded", "GuestCheckoutCompletionRecorded",
                    "GuestCheckoutFailureRecorded", "GroupCheckoutFailed"]
    guard groupEvents == expected else {
        throw SpecFailure.mismatch("Events of group_checkout-g-1", expected: expected, actual: groupEvents, firstDifference: nil)
    }
    let flow = try store.readAll(after: 0, limit: .max).filter { $0.position > 4 }
    let strays = flow.filter { $0.metadata.correlationID != "tour-g-1" }
    guard strays.isEmpty else {
        throw SpecFailure("Every message of the group checkout should carry its correlation id tour-g-1; these do not: "
            + strays.map { "\($0.eventType) in \($0.streamID)" }.joined(separator: ", "))
    }
}

suite.run()
