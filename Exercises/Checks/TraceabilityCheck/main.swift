// Checks for exercise "traceability": correlation and causation ids on every message of a group
// checkout, forming one tree.
import EventSourcing
import EventSourcingTesting
import Foundation
import Traceability

let nine = Date(timeIntervalSince1970: 1_773_565_200)  // 2026-03-15 09:00 UTC

func flow(stays: [String] = ["s-1", "s-2", "s-3"], unpaid: Set<String> = []) throws -> GroupCheckoutFlow {
    var number: Int64 = 0
    let flow = GroupCheckoutFlow(store: InMemoryEventStore(clock: { nine })) {
        number += 1
        return EventFixtures.fixtureID(number)
    }
    try flow.run(groupID: "g-1", stays: stays, unpaid: unpaid)
    return flow
}

func line(_ message: Message) -> String {
    "\(message.kind.rawValue) \(message.name): correlation \(message.correlationID.isEmpty ? "(none)" : message.correlationID), "
        + "causation \(message.causationID ?? "(none)")"
}

var suite = CheckSuite("traceability")

suite.check("every message of the group checkout shares the first command's correlation id") { _ in
    let messages = try flow().messages
    let wrong = messages.filter { $0.correlationID != "cmd-initiate-g-1" }
    guard wrong.isEmpty else {
        throw SpecFailure("Expected correlation cmd-initiate-g-1 on all \(messages.count) messages; these differ:\n"
            + wrong.map { "  " + line($0) }.joined(separator: "\n"))
    }
}

suite.check("every message but the first names an earlier message of the flow as its cause") { _ in
    let messages = try flow(unpaid: ["s-2"]).messages
    var seen: Set<String> = []
    for (index, message) in messages.enumerated() {
        if index == 0 {
            guard message.causationID == nil else { throw SpecFailure("The first command has no cause, but says \(line(message))") }
        } else if let cause = message.causationID, seen.contains(cause) {
            // its parent is in the tree, and came before it: no cycles, no orphans
        } else {
            throw SpecFailure("Message \(index + 1) is not linked to an earlier message of the flow:\n  \(line(message))")
        }
        seen.insert(message.id)
    }
}

suite.check("each stay's CheckOut is caused by GroupCheckoutInitiated; the group's records by each stay's outcome") { _ in
    let messages = try flow().messages
    guard let started = messages.first(where: { $0.name.hasPrefix("GroupCheckoutInitiated") }) else {
        throw SpecFailure("No GroupCheckoutInitiated in the flow.")
    }
    for command in messages where command.name == "CheckOut" && command.causationID != started.id {
        throw SpecFailure("Expected CheckOut caused by GroupCheckoutInitiated (\(started.id)):\n  \(line(command))")
    }
    for (index, record) in messages.enumerated() where record.name.hasPrefix("GuestCheckoutCompleted") {
        let outcome = messages[index - 1]
        guard record.causationID == outcome.id else {
            throw SpecFailure("Expected \(record.name) caused by \(outcome.name) (\(outcome.id)):\n  \(line(record))")
        }
    }
}

suite.check("the stored events carry the same ids as the flow's messages") { _ in
    let flow = try flow()
    let stored = try flow.store.readAll(after: 0, limit: .max).map(Message.init)
    let events = flow.messages.filter { $0.kind == .event }
    guard stored.map(\.correlationID) == events.map(\.correlationID), stored.map(\.causationID) == events.map(\.causationID),
          stored.allSatisfy({ $0.correlationID == "cmd-initiate-g-1" }) else {
        throw SpecFailure("The events in the store:\n" + stored.map { "  " + line($0) }.joined(separator: "\n"))
    }
}

suite.check("a group checkout with an unpaid stay, message by message, and its causation tree") { trace in
    var number: Int64 = 0
    let store = InMemoryEventStore(clock: { nine })
    let flow = GroupCheckoutFlow(store: store) {
        number += 1
        return EventFixtures.fixtureID(number)
    }
    var head: Int64 = 0
    flow.onMessage = { message in
        let appended = try store.readAll(after: head, limit: .max)
        head = try store.headPosition()
        trace.step("\(message.kind.rawValue) \(message.name)", appended: appended,
                   readModels: ["Causation tree": .array(CausationTree.lines(flow.messages).map { .string($0) }),
                                "Correlation ids": .array(Array(Set(flow.messages.map(\.correlationID))).sorted().map { .string($0) })])
    }
    try flow.run(groupID: "g-1", stays: ["s-1", "s-2"], unpaid: ["s-2"])
    guard case .array(let roots) = CausationTree.json(flow.messages), roots.count == 1 else {
        throw SpecFailure("The flow's messages should form one tree from InitiateGroupCheckout; they form \(CausationTree.json(flow.messages).prettyPrinted)")
    }
}

suite.run()
