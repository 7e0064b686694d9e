// Checks for exercise "out-of-order": a group checkout dashboard built from several streams
// whose events arrive in any order, completing once, when all parts are in.
import EventSourcing
import EventSourcingTesting
import Foundation
import OutOfOrder

let nine = Date(timeIntervalSince1970: 1_773_565_200)  // 2026-03-15 09:00 UTC
func at(_ minutes: Int) -> Date { nine.addingTimeInterval(Double(minutes * 60)) }

/// Seeded SplitMix64: the same seed gives the same arrival order, so a failure reproduces.
struct SeededRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next().multipliedFullWidth(by: UInt64(range.count)).high)
    }
}

let initiatedG1 = GroupCheckoutEvent.groupCheckoutInitiated(GroupCheckoutInitiated(groupCheckoutID: "g-1", clerkID: "clerk-7", stayIDs: ["s-1", "s-2", "s-3"], at: at(0)))
let initiatedG2 = GroupCheckoutEvent.groupCheckoutInitiated(GroupCheckoutInitiated(groupCheckoutID: "g-2", clerkID: "clerk-2", stayIDs: ["s-4", "s-5"], at: at(1)))
func out(_ stay: String, _ group: String?, _ minute: Int) -> GroupCheckoutEvent {
    .guestCheckedOut(GuestCheckedOut(stayID: stay, groupCheckoutID: group, at: at(minute)))
}
func failed(_ stay: String, _ group: String, _ minute: Int) -> GroupCheckoutEvent {
    .guestCheckoutFailed(GuestCheckoutFailed(stayID: stay, groupCheckoutID: group, at: at(minute)))
}

/// Each stream's events, in their stream's order. s-2 fails once, pays, then checks out; s-5
/// never gets out; s-9 is not in a group.
let streams: [[GroupCheckoutEvent]] = [
    [initiatedG1], [initiatedG2],
    [out("s-1", "g-1", 3)], [failed("s-2", "g-1", 4), out("s-2", "g-1", 12)], [out("s-3", "g-1", 6)],
    [out("s-4", "g-2", 5)], [failed("s-5", "g-2", 7)], [out("s-9", nil, 8)],
]

let expectedBoards: [String: GroupCheckoutBoard] = [
    "g-1": GroupCheckoutBoard(groupCheckoutID: "g-1", clerkID: "clerk-7",
                              stays: ["s-1": .init(status: .checkedOut, at: at(3)), "s-2": .init(status: .checkedOut, at: at(12)),
                                      "s-3": .init(status: .checkedOut, at: at(6))],
                              status: .completed, completedAt: at(12)),
    "g-2": GroupCheckoutBoard(groupCheckoutID: "g-2", clerkID: "clerk-2",
                              stays: ["s-4": .init(status: .checkedOut, at: at(5)), "s-5": .init(status: .failed, at: at(7))],
                              status: .inProgress),
]

/// An arrival order that keeps each stream in order but interleaves the streams at random, and
/// (with `redeliveries`) sends some events again later, as at-least-once delivery does.
func shuffled(seed: UInt64, redeliveries: Int = 0) -> [GroupCheckoutEvent] {
    var random = SeededRandom(state: seed)
    var queues = streams
    var order: [GroupCheckoutEvent] = []
    while let _ = queues.firstIndex(where: { !$0.isEmpty }) {
        let open = queues.indices.filter { !queues[$0].isEmpty }
        let pick = open[random.int(0...(open.count - 1))]
        order.append(queues[pick].removeFirst())
    }
    for _ in 0..<redeliveries {
        let again = order[random.int(0...(order.count - 1))]
        order.insert(again, at: random.int(0...order.count))
    }
    return order
}

func run(_ events: [GroupCheckoutEvent]) -> [String: GroupCheckoutBoard] {
    var boards: [String: GroupCheckoutBoard] = [:]
    for event in events { GroupCheckoutBoard.apply(&boards, event) }
    return boards
}

func names(_ events: [GroupCheckoutEvent]) -> String {
    events.map { event in
        switch event {
        case .groupCheckoutInitiated(let e): "Initiated(\(e.groupCheckoutID))"
        case .guestCheckedOut(let e): "CheckedOut(\(e.stayID))"
        case .guestCheckoutFailed(let e): "Failed(\(e.stayID))"
        }
    }.joined(separator: ", ")
}

func expect(_ events: [GroupCheckoutEvent], boards expected: [String: GroupCheckoutBoard], _ situation: String) throws {
    try expectEqual(expected: expected, actual: run(events), "The dashboard", root: "boards",
                    situation: "\(situation)\n  arrival order: \(names(events))")
}

/// Arrival orders picked by hand, each a way at-least-once delivery really reorders things;
/// the random seeds below may or may not produce them.
let log = streams.flatMap { $0 }
let namedOrders: [(name: String, events: [GroupCheckoutEvent])] = [
    ("a late duplicate after the terminal event: s-2's failure again after g-1 completed", log + [failed("s-2", "g-1", 4)]),
    ("s-2's failure redelivered after its checkout, before the group completes",
     [initiatedG1, initiatedG2, out("s-1", "g-1", 3), failed("s-2", "g-1", 4), out("s-2", "g-1", 12), failed("s-2", "g-1", 4),
      out("s-3", "g-1", 6), out("s-4", "g-2", 5), failed("s-5", "g-2", 7), out("s-9", nil, 8)]),
    ("every start last", log.filter { if case .groupCheckoutInitiated = $0 { false } else { true } } + [initiatedG2, initiatedG1]),
    ("everything twice, the second time backwards", log + log.reversed()),
]

var suite = CheckSuite("out-of-order")

suite.check("given the events in log order, g-1 shows completed and g-2 waits for s-5") { _ in
    try expect(streams.flatMap { $0 }, boards: expectedBoards, "In order:")
}

suite.check("given every checkout before the group's start, nothing completes until the start arrives") { _ in
    let early = [out("s-1", "g-1", 3), out("s-3", "g-1", 6), out("s-2", "g-1", 12)]
    try expect(early, boards: ["g-1": GroupCheckoutBoard(
        groupCheckoutID: "g-1",
        stays: ["s-1": .init(status: .checkedOut, at: at(3)), "s-2": .init(status: .checkedOut, at: at(12)), "s-3": .init(status: .checkedOut, at: at(6))],
        status: .waitingForStart)],
        "Three checkouts arrived but GroupCheckoutInitiated did not: the board cannot know whether the group has a fourth stay.")
    try expect(early + [initiatedG1], boards: ["g-1": expectedBoards["g-1"] ?? GroupCheckoutBoard(groupCheckoutID: "g-1")],
               "Then the start arrives:")
}

suite.check("given the start after some checkouts, stays already out are not reset to pending") { _ in
    try expect([out("s-1", "g-1", 3), initiatedG1, out("s-3", "g-1", 6)], boards: ["g-1": GroupCheckoutBoard(
        groupCheckoutID: "g-1", clerkID: "clerk-7",
        stays: ["s-1": .init(status: .checkedOut, at: at(3)), "s-2": .init(status: .pending), "s-3": .init(status: .checkedOut, at: at(6))],
        status: .inProgress)], "s-1 checked out before the start arrived:")
}

suite.check("given two of three stays out and one failed, the group is not complete") { _ in
    try expect([initiatedG1, out("s-1", "g-1", 3), failed("s-2", "g-1", 4), out("s-3", "g-1", 6)], boards: ["g-1": GroupCheckoutBoard(
        groupCheckoutID: "g-1", clerkID: "clerk-7",
        stays: ["s-1": .init(status: .checkedOut, at: at(3)), "s-2": .init(status: .failed, at: at(4)), "s-3": .init(status: .checkedOut, at: at(6))],
        status: .inProgress)], "s-2's checkout failed:")
}

for order in namedOrders {
    suite.check("given \(order.name), the documents are identical") { _ in
        try expect(order.events, boards: expectedBoards, "Arrival order “\(order.name)”:")
    }
}

suite.check("given three shuffled arrival orders (seeds 1, 2, 3), the documents are identical") { _ in
    for seed: UInt64 in [1, 2, 3] {
        try expect(shuffled(seed: seed), boards: expectedBoards, "Seed \(seed):")
    }
}

suite.check("given events delivered again after the completion (seeds 4, 5, 6), the boards do not change") { _ in
    for seed: UInt64 in [4, 5, 6] {
        try expect(shuffled(seed: seed, redeliveries: 6) + [out("s-2", "g-1", 12), initiatedG1, out("s-1", "g-1", 3)],
                   boards: expectedBoards, "Seed \(seed), with redeliveries:")
    }
}

suite.check("the dashboard on a busy morning, events arriving out of order (seed 2026)") { trace in
    let store = InMemoryEventStore(clock: { nine })
    var boards: [String: GroupCheckoutBoard] = [:]
    for (number, event) in shuffled(seed: 2026).enumerated() {
        let data = try GroupCheckoutEvent.codec.encode(event, eventID: EventFixtures.fixtureID(Int64(number + 1)),
                                                      metadata: EventMetadata(correlationID: "morning", causationID: "desk-\(number + 1)"))
        try trace.step("arrives: \(names([event]))", store: store) {
            try store.append(to: event.streamID, events: [data])
            GroupCheckoutBoard.apply(&boards, event)
        } readModels: {
            ["GroupCheckoutBoards": try JSONValue(encoding: boards)]
        }
    }
    try expectEqual(expected: expectedBoards, actual: boards, "After the morning, the dashboard", root: "boards")
}

suite.run()
