// Checks for exercise "timeouts": the group checkout workflow when messages come twice, late,
// or never.
import EventSourcing
import EventSourcingTesting
import Foundation
import ProcessTimeouts
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

func timeOut(_ minute: Int) -> GroupCheckoutInput { .timeOutGroupCheckout(TimeOutGroupCheckout(groupCheckoutID: "g-1", now: at(minute))) }
func timedOut(completed: [String], failed: [String] = [], unfinished: [String], _ minute: Int) -> GroupCheckoutOutput {
    .groupCheckoutTimedOut(GroupCheckoutTimedOut(groupCheckoutID: "g-1", completedStays: completed, failedStays: failed, unfinishedStays: unfinished, at: at(minute)))
}
let completedAB = GroupCheckoutOutput.groupCheckoutCompleted(GroupCheckoutCompleted(groupCheckoutID: "g-1", completedStays: ["a", "b"], at: at(5)))
/// g-1 for a and b, both out, completed.
let finishedAB = started(["a", "b"]) + [.received(checkedOut("a", 3)), .received(checkedOut("b", 5)), .sent(completedAB)]
/// g-1 for a, b, c; a out; timed out at 09:30 with b and c unfinished.
let timedOutABC = started(["a", "b", "c"]) + [.received(checkedOut("a", 3)), .received(timeOut(30)),
                                              .sent(timedOut(completed: ["a"], unfinished: ["b", "c"], 30))]

/// Given a stream, when a message arrives that is no longer news, then no outputs, and once the
/// processor records it in the inbox, the replayed state is the same as before.
func givenChangesNothing(_ stream: [GroupCheckoutMessage], when input: GroupCheckoutInput, _ situation: String) throws {
    try given(stream, when: input, then: [])
    let before = stream.reduce(GroupCheckoutWorkflow.initial, GroupCheckoutWorkflow.evolve)
    let after = GroupCheckoutWorkflow.evolve(before, .received(input))
    guard after == before else {
        throw SpecFailure("\(situation): the stream records what was received, so replaying it must give the same state as before.\n"
            + "  before receiving \(input): \(describe(before))\n  after:  \(describe(after))")
    }
}

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

var suite = CheckSuite("timeouts")

suite.check("still right: given [initiated(a, b), completed(a)], when b fails, then GroupCheckoutFailed(completed: [a], failed: [b])") { _ in
    try given(started(["a", "b"]) + [.received(checkedOut("a", 3))], when: failed("b", 4), then: [
        .groupCheckoutFailed(GroupCheckoutFailed(groupCheckoutID: "g-1", completedStays: ["a"], failedStays: ["b"], at: at(4))),
    ])
}

suite.check("given g-1 started, when the desk initiates it again, then nothing: no second round of CheckOutGuest") { _ in
    try givenChangesNothing(started(["a", "b"]) + [.received(checkedOut("a", 3))], when: initiate(["a", "b"]),
                            "A duplicate initiation after a checked out")
}

suite.check("given a's checkout recorded, when it is delivered again, then nothing changes (a is not counted twice)") { _ in
    try givenChangesNothing(started(["a", "b"]) + [.received(checkedOut("a", 3))], when: checkedOut("a", 3), "A duplicate of a's checkout")
}

suite.check("given g-1 completed, when b's checkout is delivered again, then no second GroupCheckoutCompleted") { _ in
    try givenChangesNothing(finishedAB, when: checkedOut("b", 5), "A duplicate of the last answer")
}

suite.check("given a stay outside the group, when its answer names g-1, then it is ignored") { _ in
    try givenChangesNothing(started(["a", "b"]), when: checkedOut("z", 3), "An answer from z, which is not in g-1")
}

suite.check("given a out and b, c silent, when the deadline passes, then GroupCheckoutTimedOut(completed [a], unfinished [b, c])") { _ in
    try given(started(["a", "b", "c"]) + [.received(checkedOut("a", 3))], when: timeOut(30),
              then: [timedOut(completed: ["a"], unfinished: ["b", "c"], 30)])
    let failedFirst = started(["a", "b", "c"]) + [.received(failed("b", 4))]
    try given(failedFirst, when: timeOut(30), then: [timedOut(completed: [], failed: ["b"], unfinished: ["a", "c"], 30)])
    let state = timedOutABC.reduce(GroupCheckoutWorkflow.initial, GroupCheckoutWorkflow.evolve)
    guard state.status == .timedOut else {
        throw SpecFailure("After sending GroupCheckoutTimedOut the status should be timedOut; it is \(state.status.rawValue).")
    }
}

suite.check("given g-1 timed out, when c's checkout arrives late, then it is ignored") { _ in
    try givenChangesNothing(timedOutABC, when: checkedOut("c", 41), "c's answer after the timeout")
    try givenChangesNothing(timedOutABC, when: failed("b", 42), "b's failure after the timeout")
}

suite.check("given g-1 finished or timed out, when the deadline (or a second reminder) comes, then nothing") { _ in
    try givenChangesNothing(finishedAB, when: timeOut(30), "The deadline after g-1 completed")
    try givenChangesNothing(timedOutABC, when: timeOut(31), "A second reminder")
}

suite.check("a morning with redelivery and a stay system outage: g-1 times out once, c's late checkout changes nothing") { trace in
    let store = InMemoryEventStore(clock: { nine })
    let hotel = Hotel(store: store, makeEventID: SequentialIDs().make)
    func readModels() throws -> [String: JSONValue] {
        let stream = try store.readStream("group_checkout-g-1")
        return [
            "Message log of group_checkout-g-1 (inbox + outbox)": .array(try hotel.messages("g-1").map { .string("\($0)") }),
            "Outbox not yet relayed": .array(stream.filter { $0.eventType.hasPrefix("Sent.") && $0.position > hotel.checkpoint }
                .map { .string("#\($0.position) \($0.eventType)") }),
            "Parked (stay system down)": .array(hotel.parked.map { .string("CheckOutGuest \($0.command.stayID)") }),
            "Workflow state": try JSONValue(encoding: hotel.workflow("g-1")),
        ]
    }
    try trace.step("Earlier: a, b and c checked in, all settled; c's wing runs on a system that is down", store: store) {
        for (stay, room) in [("a", "101"), ("b", "102"), ("c", "201")] {
            try hotel.handle(.checkIn(stayID: stay, guestID: "guest-\(stay)", roomNumber: room, now: nine), context: MessageContext(messageID: "desk-in-\(stay)"))
        }
        try hotel.deliverAll()
        hotel.unreachableStays = ["c"]
    } readModels: { try readModels() }
    let start = try store.headPosition()
    try trace.step("Desk: InitiateGroupCheckout g-1 for a, b, c", store: store) {
        try hotel.handle(initiate(["a", "b", "c"]), groupCheckoutID: "g-1", context: MessageContext(messageID: "desk-group-1", correlationID: "tour-g-1"))
    } readModels: { try readModels() }
    try trace.step("Desk double-clicks: InitiateGroupCheckout g-1 again", store: store) {
        try hotel.handle(initiate(["a", "b", "c"]), groupCheckoutID: "g-1", context: MessageContext(messageID: "desk-group-1", correlationID: "tour-g-1"))
    } readModels: { try readModels() }
    try trace.step("Relay delivers everything it can (c's command is parked)", store: store) {
        try hotel.deliverAll()
    } readModels: { try readModels() }
    try trace.step("Relay restarts from an old checkpoint: every message since the start is delivered again", store: store) {
        hotel.rewind(to: start)
        try hotel.deliverAll()
    } readModels: { try readModels() }
    try trace.step("09:30 scheduler: TimeOutGroupCheckout g-1", store: store) {
        try hotel.handle(timeOut(30), groupCheckoutID: "g-1", context: MessageContext(messageID: "scheduler-1", correlationID: "tour-g-1"))
    } readModels: { try readModels() }
    try trace.step("09:31 scheduler fires again", store: store) {
        try hotel.handle(timeOut(31), groupCheckoutID: "g-1", context: MessageContext(messageID: "scheduler-2", correlationID: "tour-g-1"))
    } readModels: { try readModels() }
    try trace.step("c's system is back: the parked CheckOutGuest c runs, its answer reaches g-1 late", store: store) {
        try hotel.reconnect()
        try hotel.deliverAll()
    } readModels: { try readModels() }
    let sent = try hotel.messages("g-1").compactMap { message -> String? in
        if case .sent(let output) = message { "\(output)" } else { nil }
    }
    let expected = ["CheckOutGuest a (group g-1)", "CheckOutGuest b (group g-1)", "CheckOutGuest c (group g-1)",
                    "GroupCheckoutTimedOut g-1 completed [\"a\", \"b\"] failed [] unfinished [\"c\"]"]
    guard sent == expected else {
        throw SpecFailure.mismatch("Messages g-1 sent (its outbox)", expected: expected, actual: sent, firstDifference: nil)
    }
    let state = try hotel.workflow("g-1")
    let expectedState = GroupCheckoutWorkflow(status: .timedOut, pending: ["c"], completed: ["a", "b"], failed: [])
    guard state == expectedState else {
        throw SpecFailure("After the late answer, g-1 should still be \(describe(expectedState)); it is \(describe(state)).")
    }
}

suite.run()
