// Checks for exercise "idempotency": a projector that survives redelivery and crashes, because
// it stores its checkpoint in the same transaction as its documents.
import EventSourcing
import EventSourcingTesting
import Foundation
import Idempotency

let monday = Date(timeIntervalSince1970: 1_773_496_800)  // 2026-03-14 14:00 UTC

/// Seeded SplitMix64: the same seed delivers the same batches, so a failure reproduces.
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
    mutating func chance(_ percent: Int) -> Bool { int(1...100) <= percent }
}

/// Three stays with charges and payments, interleaved in the log: `count` events in all.
func history(_ count: Int = 24) throws -> InMemoryEventStore {
    let store = InMemoryEventStore(clock: { monday })
    let stays = ["s-1", "s-2", "s-3"]
    for (index, stay) in stays.enumerated() {
        let event = GuestStayEvent.guestCheckedIn(GuestCheckedIn(stayID: stay, guestID: "g-\(index)", roomNumber: "10\(index)", at: monday))
        try store.append(to: "guest_stay-\(stay)", events: [GuestStayEvent.codec.encode(event, eventID: EventFixtures.fixtureID(Int64(index + 1)))])
    }
    for number in 4...count {
        let stay = stays[number % 3]
        let event: GuestStayEvent = number % 4 == 0
            ? .paymentRecorded(PaymentRecorded(stayID: stay, paymentID: "p-\(number)", amount: 10 * number, at: monday))
            : .chargeRecorded(ChargeRecorded(stayID: stay, chargeID: "c-\(number)", amount: number, at: monday))
        try store.append(to: "guest_stay-\(stay)", events: [GuestStayEvent.codec.encode(event, eventID: EventFixtures.fixtureID(Int64(number)))])
    }
    return store
}

/// The totals one clean pass over the events up to `position` gives.
func expectedTotals(_ store: InMemoryEventStore, upTo position: Int64 = .max) throws -> [String: FolioTotals] {
    var totals: [String: FolioTotals] = [:]
    for recorded in try store.readAll(after: 0, limit: .max) where recorded.position <= position {
        let event = try GuestStayEvent.codec.decode(recorded).event
        FolioTotals.apply(&totals[event.stayID, default: FolioTotals(stayID: event.stayID)], event)
    }
    return totals
}

func describe(_ totals: [String: FolioTotals]) -> String {
    totals.keys.sorted().map { key in
        let t = totals[key] ?? FolioTotals(stayID: key)
        return "\n    \(key): charged \(t.charged) in \(t.charges), paid \(t.paid) in \(t.payments)"
    }.joined()
}

func expectTotals(_ database: DocumentDatabase<FolioTotals>, _ expected: [String: FolioTotals], _ situation: String) throws {
    let actual = database.documents
    guard actual == expected else {
        throw SpecFailure("\(situation)\n  expected:\(describe(expected))\n  actual:\(describe(actual))\n"
            + "  (stored checkpoint: \(database.checkpoint(FolioTotalsProjector.name)))")
    }
}

func record(_ trace: Trace?, _ title: String, _ database: DocumentDatabase<FolioTotals>, appended: [RecordedEvent] = []) throws {
    trace?.step(title, appended: appended, readModels: [
        "FolioTotals": try JSONValue(encoding: database.documents),
        "Checkpoint": .int(database.checkpoint(FolioTotalsProjector.name)),
    ])
}

/// An at-least-once subscription: batches of 1–5 events, each delivered 1–4 times, sometimes
/// rewinding a few events, and `crashes` crashes at random writes, each followed by a restart
/// from the projector's stored checkpoint.
func deliverChaotically(_ store: InMemoryEventStore, seed: UInt64, crashes: Int, trace: Trace? = nil) throws -> DocumentDatabase<FolioTotals> {
    var random = SeededRandom(state: seed)
    let database = DocumentDatabase<FolioTotals>()
    var projector = FolioTotalsProjector(database: database)
    var acknowledged: Int64 = 0
    var crashesLeft = crashes
    var rounds = 0
    delivery: while true {
        rounds += 1
        guard rounds < 2_000 else { throw SpecFailure("The subscription never reached the end of the log (seed \(seed)).") }
        let from = random.chance(30) ? max(0, acknowledged - Int64(random.int(1...3))) : acknowledged
        let batch = try store.readAll(after: from, limit: random.int(1...5))
        guard let first = batch.first, let last = batch.last else { break }
        for delivery in 1...random.int(1...4) {
            var crashPlanned: Int?
            if crashesLeft > 0, random.chance(25) {
                crashPlanned = random.int(0...batch.count)
                database.crash(afterWrites: crashPlanned ?? 0)
                crashesLeft -= 1
            }
            do {
                try projector.handle(batch)
                try record(trace, "positions \(first.position)–\(last.position), delivery \(delivery)", database)
            } catch is SimulatedCrash {
                // The process died: a new one starts where the stored checkpoint says.
                projector = FolioTotalsProjector(database: database)
                acknowledged = projector.checkpoint()
                try record(trace, "CRASH after \(crashPlanned ?? 0) writes in positions \(first.position)–\(last.position); "
                    + "restart after checkpoint \(acknowledged)", database)
                continue delivery
            }
        }
        acknowledged = last.position
    }
    return database
}

var suite = CheckSuite("idempotency")

suite.check("given every batch delivered three times, the totals equal one clean pass") { _ in
    let store = try history()
    let database = DocumentDatabase<FolioTotals>()
    let projector = FolioTotalsProjector(database: database)
    var position: Int64 = 0
    while case let batch = try store.readAll(after: position, limit: 4), let last = batch.last {
        for _ in 1...3 { try projector.handle(batch) }
        position = last.position
    }
    try expectTotals(database, try expectedTotals(store), "After every batch of 4 was delivered three times:")
    guard database.checkpoint(FolioTotalsProjector.name) == 24 else {
        throw SpecFailure("After the whole log (positions 1–24), expected the stored checkpoint 24, got \(database.checkpoint(FolioTotalsProjector.name)).")
    }
}

suite.check("given an old batch delivered again after newer ones, overlapping them, nothing changes") { _ in
    let store = try history()
    let projector = FolioTotalsProjector(database: DocumentDatabase())
    let all = try store.readAll(after: 0, limit: .max)
    try projector.handle(Array(all[0..<8]))
    try projector.handle(Array(all[8..<16]))
    try projector.handle(Array(all[5..<12]))  // positions 6–12: a rewind that straddles two batches
    try expectTotals(projector.database, try expectedTotals(store, upTo: 16), "After positions 1–8, 9–16, then 6–12 again:")
    guard projector.checkpoint() == 16 else {
        throw SpecFailure("The late batch 6–12 moved the checkpoint: expected 16, got \(projector.checkpoint()). It must only move forwards.")
    }
}

for (writes, when) in [(2, "halfway through a batch"), (4, "after the batch's documents, before its checkpoint")] {
    suite.check("given a crash \(when), a restart from the stored checkpoint counts nothing twice") { _ in
        let store = try history()
        let database = DocumentDatabase<FolioTotals>()
        let all = try store.readAll(after: 0, limit: .max)
        try FolioTotalsProjector(database: database).handle(Array(all[0..<4]))
        database.crash(afterWrites: writes)
        do {
            try FolioTotalsProjector(database: database).handle(Array(all[4..<8]))
        } catch is SimulatedCrash {}
        let stored = database.checkpoint(FolioTotalsProjector.name)
        try expectTotals(database, try expectedTotals(store, upTo: stored),
                         "Right after the crash, the documents must be exactly the events up to the stored checkpoint \(stored):")
        let restarted = FolioTotalsProjector(database: database)
        var position = restarted.checkpoint()
        while case let batch = try store.readAll(after: position, limit: 4), let last = batch.last {
            try restarted.handle(batch)
            position = last.position
        }
        try expectTotals(database, try expectedTotals(store), "After the restart caught up to the end of the log:")
    }
}

suite.check("seeded chaos (seeds 1, 42, 2026): redelivery 1–4 times, rewinds and crashes end with the clean totals") { _ in
    let store = try history(40)
    for seed: UInt64 in [1, 42, 2026] {
        let database = try deliverChaotically(store, seed: seed, crashes: 4)
        try expectTotals(database, try expectedTotals(store), "Seed \(seed), after the subscription reached the end of the log:")
    }
}

suite.check("a night of flaky delivery, batch by batch (seed 7)") { trace in
    let store = try history(12)
    try record(trace, "12 events of 3 stays in the log", DocumentDatabase(), appended: try store.readAll(after: 0, limit: .max))
    let database = try deliverChaotically(store, seed: 7, crashes: 2, trace: trace)
    try expectTotals(database, try expectedTotals(store), "After the flaky night:")
}

suite.run()
