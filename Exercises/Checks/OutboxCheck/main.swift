// Checks for exercise "outbox": the charge message is written in the append's transaction, a
// relay delivers it at least once, and the gateway's inbox makes that exactly one charge.
import EventSourcing
import EventSourcingTesting
import Foundation
import Outbox

let nine = Date(timeIntervalSince1970: 1_773_565_200)  // 2026-03-15 09:00 UTC

/// The payments of a busy checkout hour: two per stay, some with the same amount.
let payments: [(stay: String, payment: String, amount: Int)] = [
    ("s-1", "p-1", 120), ("s-2", "p-2", 80), ("s-3", "p-3", 120), ("s-1", "p-4", 15), ("s-2", "p-5", 80), ("s-3", "p-6", 40),
]

func request(_ desk: PaymentDesk, _ payments: ArraySlice<(stay: String, payment: String, amount: Int)>) throws {
    for (index, p) in payments.enumerated() {
        try desk.requestCardPayment(stayID: p.stay, paymentID: p.payment, amount: p.amount, now: nine,
                                    eventID: EventFixtures.fixtureID(Int64(100 + index + payments.startIndex)))
    }
}

func expectCharges(_ gateway: PaymentGateway, _ expected: ArraySlice<(stay: String, payment: String, amount: Int)>, _ situation: String) throws {
    let actual = gateway.charges.map { "\($0.paymentID) \($0.amount)" }.sorted()
    let wanted = expected.map { "\($0.payment) \($0.amount)" }.sorted()
    guard actual == wanted else {
        throw SpecFailure("\(situation)\n" + SpecFailure.mismatch("Charges on guests' cards (sorted)", expected: wanted, actual: actual, firstDifference: nil).message
            + "\nMessages the gateway received: \(gateway.received)")
    }
}

/// The relay's process crashes right after sending message number `crashAfter` (1-based), before
/// anything else happens.
struct ProcessCrashed: Error, CustomStringConvertible {
    var description: String { "the relay's process crashed" }
}

final class CrashingNetwork: MessageTransport {
    let gateway: PaymentGateway
    var sent = 0
    let crashAfter: Int
    init(_ gateway: PaymentGateway, crashAfter: Int) {
        self.gateway = gateway
        self.crashAfter = crashAfter
    }
    func send(_ message: OutboxMessage) throws {
        try gateway.send(message)
        sent += 1
        if sent == crashAfter { throw ProcessCrashed() }
    }
}

/// Runs the relay like its timer would, until the outbox is empty (or `runs` runs).
func drain(_ relay: OutboxRelay, store: InMemoryEventStore, runs: Int = 300) throws -> Int {
    var run = 0
    while try !store.pendingOutbox(limit: 1).isEmpty, run < runs {
        run += 1
        _ = try? relay.relayPending()
    }
    return run
}

var suite = CheckSuite("outbox")

suite.check("the desk writes the ChargeCard message in the same append as CardPaymentRequested") { _ in
    let store = InMemoryEventStore(clock: { nine })
    try request(PaymentDesk(store: store), payments[0..<1])
    let events = try store.readStream("guest_stay-s-1").map(\.eventType)
    guard events == ["CardPaymentRequested"] else {
        throw SpecFailure("guest_stay-s-1 should hold one CardPaymentRequested; it holds \(events).")
    }
    let pending = try store.pendingOutbox(limit: 10).map(\.message)
    let expected = try ChargeCard(paymentID: "p-1", stayID: "s-1", amount: 120).outboxMessage()
    guard pending == [expected] else {
        throw SpecFailure("Right after the append, the outbox should hold the ChargeCard for p-1 "
            + "(\(expected.messageID) to \(expected.destination)); it holds \(pending.isEmpty ? "nothing" : pending.map(\.messageID).description).\n"
            + "If the process crashed now, the payment would be recorded and never charged.")
    }
}

suite.check("after a crash between append and publish, a restarted relay delivers exactly the pending messages") { _ in
    let store = InMemoryEventStore(clock: { nine })
    try request(PaymentDesk(store: store), payments[0..<3])
    // The process dies here: nothing was relayed. A new process starts a new relay.
    let gateway = PaymentGateway()
    let runs = try drain(OutboxRelay(store: store, transport: gateway), store: store, runs: 5)
    guard gateway.received == ["charge-p-1", "charge-p-2", "charge-p-3"] else {
        throw SpecFailure("After the restart the gateway should receive charge-p-1, charge-p-2, charge-p-3, once each, in order; "
            + "it received \(gateway.received) (in \(runs) relay runs).")
    }
    try expectCharges(gateway, payments[0..<3], "After the restart:")
    let left = try store.pendingOutbox(limit: 10).map(\.message.messageID)
    guard left.isEmpty else { throw SpecFailure("Delivered messages should leave the outbox; still pending: \(left)") }
}

suite.check("given a relay that crashes after sending p-2 but before marking it, the restart sends p-2 again and the gateway charges it once") { _ in
    let store = InMemoryEventStore(clock: { nine })
    try request(PaymentDesk(store: store), payments[0..<3])
    let gateway = PaymentGateway()
    do {
        try OutboxRelay(store: store, transport: CrashingNetwork(gateway, crashAfter: 2)).relayPending()
    } catch is ProcessCrashed {}
    let beforeRestart = gateway.received.count
    _ = try drain(OutboxRelay(store: store, transport: gateway), store: store, runs: 5)
    // The properties, not one sequence: a relay may mark one message at a time or a batch at
    // once; either way it is at-least-once, in order, and the gateway charges each card once.
    let afterRestart = Array(gateway.received[beforeRestart...])
    guard afterRestart.contains("charge-p-2") else {
        throw SpecFailure("p-2 was sent but not marked delivered when the relay crashed, so the restart must send it again (at least once); "
            + "after the restart the gateway received \(afterRestart), without charge-p-2. Was it marked delivered before it was sent?")
    }
    var firstArrivals: [String] = []
    for id in gateway.received where !firstArrivals.contains(id) { firstArrivals.append(id) }
    try expectEqual(expected: ["charge-p-1", "charge-p-2", "charge-p-3"], actual: firstArrivals,
                    "The order in which the gateway first saw each payment", root: "firstArrivals",
                    situation: "The gateway received \(gateway.received):")
    try expectCharges(gateway, payments[0..<3], "p-2 arrived twice:")
}

suite.check("the gateway processes each message id once, and different payments of the same amount each once") { _ in
    let gateway = PaymentGateway()
    let p1 = try ChargeCard(paymentID: "p-1", stayID: "s-1", amount: 120).outboxMessage()
    let p3 = try ChargeCard(paymentID: "p-3", stayID: "s-3", amount: 120).outboxMessage()
    let p4 = try ChargeCard(paymentID: "p-4", stayID: "s-1", amount: 15).outboxMessage()
    for message in [p1, p1, p3, p1, p4, p3] { try gateway.send(message) }
    try expectCharges(gateway, [payments[0], payments[2], payments[3]], "Sent p-1 three times, p-3 twice, p-4 once:")
}

suite.check("with storage and network failing at random (seeds 1 to 5), every payment is charged exactly once") { _ in
    for seed: UInt64 in 1...5 {
        let memory = InMemoryEventStore(clock: { nine })
        let store = FlakyStore(memory, seed: seed, failurePercent: 25)
        let gateway = PaymentGateway()
        let network = FlakyNetwork(gateway, seed: seed &* 31, failurePercent: 25)
        try request(PaymentDesk(store: store), payments[...])
        let runs = try drain(OutboxRelay(store: store, transport: network), store: memory)
        try expectCharges(gateway, payments[...], "Seed \(seed) (\(runs) relay runs; storage failures: \(store.failures.count), network failures: \(network.failures.count)):")
        let left = try memory.pendingOutbox(limit: 10).map(\.message.messageID)
        guard left.isEmpty else {
            throw SpecFailure("Seed \(seed): after \(runs) relay runs, still pending: \(left). Each run must mark what it sent.")
        }
    }
}

suite.check("a checkout hour with failing storage and network (seed 7): the outbox drains, each card is charged once") { trace in
    let memory = InMemoryEventStore(clock: { nine })
    let store = FlakyStore(memory, seed: 7, failurePercent: 30)
    let gateway = PaymentGateway()
    let network = FlakyNetwork(gateway, seed: 7 &* 31, failurePercent: 30)
    let desk = PaymentDesk(store: store)
    let relay = OutboxRelay(store: store, transport: network)
    var failuresShown = 0
    func readModels() throws -> [String: JSONValue] {
        let failures = (store.failures + network.failures)
        defer { failuresShown = failures.count }
        return [
            "Outbox (pending)": .array(try memory.pendingOutbox(limit: 100).map { .string("#\($0.sequence) \($0.message.messageID) -> \($0.message.destination)") }),
            "Gateway: charges": try JSONValue(encoding: gateway.charges),
            "Gateway: messages received (with duplicates)": .array(gateway.received.map { .string($0) }),
            "Failures in this step": .array(failures.dropFirst(failuresShown).map { .string($0) }),
        ]
    }
    for (index, p) in payments.enumerated() {
        try trace.step("Desk: RequestCardPayment \(p.payment) \(p.amount) for \(p.stay)", store: memory) {
            try desk.requestCardPayment(stayID: p.stay, paymentID: p.payment, amount: p.amount, now: nine,
                                        eventID: EventFixtures.fixtureID(Int64(100 + index)))
        } readModels: { try readModels() }
    }
    var run = 0
    while try !memory.pendingOutbox(limit: 1).isEmpty, run < 60 {
        run += 1
        let outcome: String
        do {
            outcome = "sent \(try relay.relayPending())"
        } catch {
            outcome = "stopped: \(error)"
        }
        trace.step("Relay run \(run): \(outcome)", readModels: try readModels())
    }
    try expectCharges(gateway, payments[...], "After \(run) relay runs:")
}

suite.run()
