// Checks for exercise "process-manager": the group checkout as a workflow decider whose own
// stream records what it received and what it sent.
import EventSourcing
import EventSourcingTesting
import Foundation
import ProcessManager
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

// The messages of group g-1, as they appear in its stream.
func initiate(_ stays: [String]) -> GroupCheckoutInput {
    .initiateGroupCheckout(InitiateGroupCheckout(groupCheckoutID: "g-1", clerkID: "clerk-7", stayIDs: stays, now: at(0)))
}
func checkOut(_ stay: String) -> GroupCheckoutOutput { .checkOutGuest(CheckOutGuest(stayID: stay, groupCheckoutID: "g-1", now: at(0))) }
func checkedOut(_ stay: String, _ minute: Int) -> GroupCheckoutInput { .guestCheckedOut(GuestCheckedOut(stayID: stay, groupCheckoutID: "g-1", at: at(minute))) }
func failed(_ stay: String, _ minute: Int) -> GroupCheckoutInput { .guestCheckoutFailed(GuestCheckoutFailed(stayID: stay, groupCheckoutID: "g-1", at: at(minute))) }
/// The stream after the desk started g-1 for `stays`: the command received, one CheckOutGuest sent per stay.
func started(_ stays: [String]) -> [GroupCheckoutMessage] { [.received(initiate(stays))] + stays.map { .sent(checkOut($0)) } }

/// Given the workflow's stream, when an input arrives, then exactly these outputs.
func given(_ stream: [GroupCheckoutMessage], when input: GroupCheckoutInput, then expected: [GroupCheckoutOutput]) throws {
    let state = stream.reduce(GroupCheckoutWorkflow.initial, GroupCheckoutWorkflow.evolve)
    let actual = GroupCheckoutWorkflow.decide(input, state)
    guard actual == expected else {
        throw SpecFailure("Given the stream:\n" + (stream.isEmpty ? "  (empty)" : stream.map { "  \(SpecFailure.describe($0))" }.joined(separator: "\n")) + "\nwhen \(SpecFailure.describe(input)):\n"
            + SpecFailure.mismatch("Outputs", expected: expected, actual: actual, firstDifference: nil).message
            + "\n(state before deciding: \(describe(state)))")
    }
}

func describe(_ state: GroupCheckoutWorkflow) -> String {
    "\(state.status.rawValue), pending \(state.pending), completed \(state.completed), failed \(state.failed)"
}

var suite = CheckSuite("process-manager")

suite.check("given nothing, when the desk initiates g-1 for a and b, then CheckOutGuest a and b, naming g-1") { _ in
    try given([], when: initiate(["a", "b"]), then: [checkOut("a"), checkOut("b")])
}

suite.check("given g-1 started for a and b, when a checks out, then nothing yet: the first checkout does not complete the group") { _ in
    try given(started(["a", "b"]), when: checkedOut("a", 3), then: [])
}

suite.check("given [initiated(a, b), completed(a)], when b's checkout fails, then GroupCheckoutFailed(completed: [a], failed: [b])") { _ in
    try given(started(["a", "b"]) + [.received(checkedOut("a", 3))], when: failed("b", 4), then: [
        .groupCheckoutFailed(GroupCheckoutFailed(groupCheckoutID: "g-1", completedStays: ["a"], failedStays: ["b"], at: at(4))),
    ])
}

suite.check("given [initiated(a, b), completed(a)], when b checks out, then GroupCheckoutCompleted(a, b)") { _ in
    try given(started(["a", "b"]) + [.received(checkedOut("a", 3))], when: checkedOut("b", 5), then: [
        .groupCheckoutCompleted(GroupCheckoutCompleted(groupCheckoutID: "g-1", completedStays: ["a", "b"], at: at(5))),
    ])
}

suite.check("given three stays and one answer, when a second stay fails, then nothing yet: c has not answered") { _ in
    try given(started(["a", "b", "c"]) + [.received(checkedOut("a", 3))], when: failed("b", 4), then: [])
}

suite.check("given a failed first, when b (the last) checks out, then the group fails: one failure is enough") { _ in
    try given(started(["a", "b"]) + [.received(failed("a", 2))], when: checkedOut("b", 5), then: [
        .groupCheckoutFailed(GroupCheckoutFailed(groupCheckoutID: "g-1", completedStays: ["b"], failedStays: ["a"], at: at(5))),
    ])
}

suite.check("replaying the stream gives the state: received answers move stays out of pending") { _ in
    let stream = started(["a", "b", "c"]) + [.received(checkedOut("b", 3)), .received(failed("a", 4))]
    let state = stream.reduce(GroupCheckoutWorkflow.initial, GroupCheckoutWorkflow.evolve)
    let expected = GroupCheckoutWorkflow(status: .inProgress, pending: ["c"], completed: ["b"], failed: ["a"])
    guard state == expected else {
        throw SpecFailure("Replaying\n" + stream.map { "  \(SpecFailure.describe($0))" }.joined(separator: "\n")
            + "\n  expected \(describe(expected))\n  actual   \(describe(state))")
    }
    let finished = stream + [.received(checkedOut("c", 6)),
                             .sent(.groupCheckoutFailed(GroupCheckoutFailed(groupCheckoutID: "g-1", completedStays: ["b", "c"], failedStays: ["a"], at: at(6))))]
    let after = finished.reduce(GroupCheckoutWorkflow.initial, GroupCheckoutWorkflow.evolve)
    guard after.status == .failed else {
        throw SpecFailure("After the workflow sent GroupCheckoutFailed, its status should be failed; it is \(after.status.rawValue).")
    }
}

suite.check("the hotel checks out g-1 (a settled, b owes 30): the stream holds every message, in order") { trace in
    let store = InMemoryEventStore(clock: { nine })
    let hotel = Hotel(store: store, makeEventID: SequentialIDs().make)
    func readModels() throws -> [String: JSONValue] {
        let stream = try store.readStream("group_checkout-g-1")
        return [
            "Message log of group_checkout-g-1 (inbox + outbox)": .array(try hotel.messages("g-1").map { .string("\($0)") }),
            "Outbox not yet relayed": .array(stream.filter { $0.eventType.hasPrefix("Sent.") && $0.position > hotel.checkpoint }
                .map { .string("#\($0.position) \($0.eventType)") }),
            "Workflow state": try JSONValue(encoding: hotel.workflow("g-1")),
        ]
    }
    try trace.step("Earlier: a and b checked in; b ran up 30 at the bar", store: store) {
        for (stay, room) in [("a", "101"), ("b", "102")] {
            try hotel.handle(.checkIn(stayID: stay, guestID: "guest-\(stay)", roomNumber: room, now: nine), context: MessageContext(messageID: "desk-in-\(stay)"))
        }
        try hotel.handle(.recordCharge(stayID: "b", chargeID: "bar-1", amount: 30, now: nine), context: MessageContext(messageID: "desk-bar-1"))
        try hotel.deliverAll()
    } readModels: { try readModels() }
    try trace.step("Desk: InitiateGroupCheckout g-1 for a, b", store: store) {
        try hotel.handle(initiate(["a", "b"]), groupCheckoutID: "g-1", context: MessageContext(messageID: "desk-group-1", correlationID: "tour-g-1"))
    } readModels: { try readModels() }
    var steps = 0
    while steps < 30, let next = try store.readAll(after: hotel.checkpoint, limit: 1).first {
        try trace.step("Relay: \(next.eventType) (\(next.streamID))", store: store) {
            try hotel.deliverNext()
        } readModels: { try readModels() }
        steps += 1
    }
    let expected = [
        "received InitiateGroupCheckout g-1 [\"a\", \"b\"]",
        "sent CheckOutGuest a (group g-1)",
        "sent CheckOutGuest b (group g-1)",
        "received GuestCheckedOut a (group g-1)",
        "received GuestCheckoutFailed b (group g-1)",
        "sent GroupCheckoutFailed g-1 completed [\"a\"] failed [\"b\"]",
    ]
    let actual = try hotel.messages("g-1").map { "\($0)" }
    guard actual == expected else {
        throw SpecFailure.mismatch("Messages in group_checkout-g-1", expected: expected, actual: actual, firstDifference: nil)
    }
}

suite.run()
