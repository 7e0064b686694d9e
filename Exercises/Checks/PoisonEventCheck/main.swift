// Checks for exercise "poison-event": one event the projection cannot read must not stop the
// others. It is retried after a backoff, parked with its reason after the last attempt, its
// stay's later events wait behind it, every other stay keeps flowing, and a replay after the
// fix applies it and what waited, in order.
import EventSourcing
import EventSourcingSQLite
import EventSourcingTesting
import Foundation
import PoisonEvent
import Synchronization

let midnight = Date(timeIntervalSince1970: 1_773_532_800)  // 2026-03-15 00:00 UTC
func at(_ seconds: Double) -> Date { midnight.addingTimeInterval(seconds) }

/// The night's log. Release 2.3.1 stored s-2's charge with its amount as a string: the
/// projection cannot read position 4.
let night: [(stream: String, type: String, json: String)] = [
    ("guest_stay-s-1", "GuestCheckedIn", #"{"stayId":"s-1","guestId":"ana","roomNumber":"101"}"#),
    ("guest_stay-s-2", "GuestCheckedIn", #"{"stayId":"s-2","guestId":"ben","roomNumber":"102"}"#),
    ("guest_stay-s-1", "ChargeRecorded", #"{"stayId":"s-1","chargeId":"c-1","amount":100}"#),
    ("guest_stay-s-2", "ChargeRecorded", #"{"stayId":"s-2","chargeId":"c-2","amount":"120"}"#),
    ("guest_stay-s-3", "GuestCheckedIn", #"{"stayId":"s-3","guestId":"cy","roomNumber":"103"}"#),
    ("guest_stay-s-2", "PaymentReceived", #"{"stayId":"s-2","paymentId":"p-2","amount":50}"#),
    ("guest_stay-s-1", "PaymentReceived", #"{"stayId":"s-1","paymentId":"p-1","amount":100}"#),
    ("guest_stay-s-3", "ChargeRecorded", #"{"stayId":"s-3","chargeId":"c-3","amount":80}"#),
    ("guest_stay-s-2", "ChargeRecorded", #"{"stayId":"s-2","chargeId":"c-4","amount":30}"#),
]
let poison: Int64 = 4
/// One clean pass over the night, read with the fix.
let cleanPass = ["s-1": 0, "s-2": -100, "s-3": -80]
/// Before the fix, s-2 can only show what came before its unreadable charge.
let withS2Stuck = ["s-1": 0, "s-2": 0, "s-3": -80]

/// A store holding `rows` (the night by default), one append per event, as the desks wrote them.
func store(_ rows: [(stream: String, type: String, json: String)] = night) throws -> InMemoryEventStore {
    let store = InMemoryEventStore(clock: { midnight })
    for (number, row) in rows.enumerated() {
        try store.append(to: row.stream, events: [EventData(
            eventID: EventFixtures.fixtureID(Int64(number + 1)), eventType: row.type, data: Data(row.json.utf8),
            metadata: EventMetadata(correlationID: "desk-\(number + 1)", causationID: "desk-\(number + 1)"))])
    }
    return store
}

func describe(_ stuck: [Int64: StuckEvent]) -> String {
    stuck.isEmpty ? "(none)" : stuck.keys.sorted().compactMap { position in
        stuck[position].map { "#\(position) \($0.event.eventType) of \($0.event.streamID): \(describe($0.status)), \($0.attempts) failed attempt(s)" }
    }.joined(separator: "; ")
}

func describe(_ status: StuckEvent.Status) -> String {
    switch status {
    case .retrying(let next): "retrying at +\(Int(next.timeIntervalSince(midnight))) s"
    case .parked: "parked"
    case .waiting: "waiting"
    }
}

func expectBalances(_ database: ProjectionStore, _ expected: [String: Int], _ situation: String) throws {
    let actual = database.balances
    guard actual == expected else {
        let stays = Set(expected.keys).union(actual.keys).sorted()
        let first = stays.first { expected[$0] != actual[$0] } ?? "?"
        throw SpecFailure("""
            \(situation)
              balances["\(first)"]: expected \(expected[first].map(String.init) ?? "none"), actual \(actual[first].map(String.init) ?? "none")
              expected \(stays.map { "\($0) \(expected[$0].map(String.init) ?? "none")" }.joined(separator: ", "))
              actual   \(stays.map { "\($0) \(actual[$0].map(String.init) ?? "none")" }.joined(separator: ", "))
              stuck: \(describe(database.stuck))
            """)
    }
}

/// Runs the projector, turning "it threw" into a message about the incident.
func run(_ projector: BalancesProjector, at time: Date, _ situation: String) throws {
    do {
        try projector.process(now: time)
    } catch {
        throw SpecFailure("""
            \(situation): process(now:) threw \(error).
            A run that throws commits nothing, and the next run meets the same event: the projection, and every
            event behind the bad one, is stuck for good. Keep the event that fails, with its reason, and go on.
            """)
    }
}

func stuckEvent(_ database: ProjectionStore, _ position: Int64, _ situation: String) throws -> StuckEvent {
    guard let entry = database.stuck[position] else {
        throw SpecFailure("\(situation): event #\(position) should be kept among the stuck events; stuck: \(describe(database.stuck)), balances \(database.balances.sorted { $0.key < $1.key })")
    }
    return entry
}

/// Runs the projector at the given times and checks the poison's attempts and status after each.
func expectTimeline(_ projector: BalancesProjector, _ steps: [(seconds: Double, attempts: Int, parked: Bool)]) throws {
    for step in steps {
        try run(projector, at: at(step.seconds), "The run at +\(Int(step.seconds)) s")
        let entry = try stuckEvent(projector.database, poison, "After the run at +\(Int(step.seconds)) s")
        let isParked = entry.status == .parked
        guard entry.attempts == step.attempts, isParked == step.parked else {
            throw SpecFailure("""
                After the run at +\(Int(step.seconds)) s (policy: 3 attempts, waits of 60 s then 120 s):
                  expected #\(poison): \(step.attempts) failed attempt(s), \(step.parked ? "parked" : "retrying")
                  actual   #\(poison): \(entry.attempts) failed attempt(s), \(describe(entry.status))
                """)
        }
    }
}

var suite = CheckSuite("poison-event")

suite.check("a night without a bad event: balances equal one clean pass, the checkpoint is at the head, nothing is stuck") { _ in
    let fixed = night.map { $0.type == "ChargeRecorded" && $0.json.contains(#""120""#) ? ($0.stream, $0.type, $0.json.replacingOccurrences(of: #""120""#, with: "120")) : $0 }
    let database = ProjectionStore()
    let projector = BalancesProjector(store: try store(fixed), database: database)
    try run(projector, at: at(0), "A night without a bad event")
    try expectBalances(database, cleanPass, "After one run over a readable night:")
    guard database.checkpoint == Int64(night.count), database.stuck.isEmpty else {
        throw SpecFailure("After one run: expected checkpoint \(night.count) and nothing stuck; actual checkpoint \(database.checkpoint), stuck \(describe(database.stuck)).")
    }
}

suite.check("one unreadable charge of s-2 does not stop s-1 and s-3: their balances are current after the first run") { _ in
    let database = ProjectionStore()
    try run(BalancesProjector(store: try store(), database: database), at: at(0), "The first run over the night")
    guard database.balances["s-1"] == 0, database.balances["s-3"] == -80 else {
        throw SpecFailure("""
            After the first run, the stays behind the unreadable event should be current:
              expected s-1 0, s-3 -80
              actual   s-1 \(database.balances["s-1"].map(String.init) ?? "none"), s-3 \(database.balances["s-3"].map(String.init) ?? "none")
            """)
    }
    guard database.checkpoint == Int64(night.count) else {
        throw SpecFailure("After the first run the checkpoint should be past every event dealt with (\(night.count)); it is \(database.checkpoint).")
    }
}

suite.check("the unreadable charge is kept with its reason and one failed attempt, to be retried after the backoff") { _ in
    let database = ProjectionStore()
    try run(BalancesProjector(store: try store(), database: database), at: at(0), "The first run over the night")
    let entry = try stuckEvent(database, poison, "After the first run")
    guard entry.attempts == 1, entry.status == .retrying(nextAttemptAt: at(60)) else {
        throw SpecFailure("""
            After the first run (policy: 3 attempts, first wait 60 s):
              expected #4: 1 failed attempt, retrying at +60 s (one failure may be transient: parking it at once leaves it to a person)
              actual   #4: \(entry.attempts) failed attempt(s), \(describe(entry.status))
            """)
    }
    guard entry.reason.contains("amount"), entry.reason.contains("4") else {
        throw SpecFailure("The stuck event's reason should say what is wrong, in the reader's words (position 4, its amount); it is \"\(entry.reason)\".")
    }
}

suite.check("runs before the backoff leave it alone; it is retried after 60 s, then 120 s, then parked for good") { _ in
    let projector = BalancesProjector(store: try store(), database: ProjectionStore())
    try expectTimeline(projector, [(0, 1, false), (30, 1, false), (60, 2, false), (120, 2, false), (179, 2, false),
                                   (180, 3, true), (10_000, 3, true)])
}

suite.check("s-2's later payment and charge wait behind its stuck charge: its balance never shows events its stream has not reached") { _ in
    let projector = BalancesProjector(store: try store(), database: ProjectionStore())
    for seconds in [0.0, 60, 180] {
        try run(projector, at: at(seconds), "The run at +\(Int(seconds)) s")
        try expectBalances(projector.database, withS2Stuck, "After the run at +\(Int(seconds)) s, with #4 stuck (s-2's payment #6 and charge #9 must wait behind it):")
    }
    for position: Int64 in [6, 9] {
        let entry = try stuckEvent(projector.database, position, "With #4 parked")
        guard entry.status == .waiting else {
            throw SpecFailure("#\(position) (a later event of s-2) should be waiting behind #4; it is \(describe(entry.status)).")
        }
    }
}

suite.check("an event that fails once (a timeout) is applied on its retry, with the events that waited behind it, and never parked") { _ in
    // The fix is in place here, so only the timeout of s-2's check-in (#2) stands in the way.
    let failures = FailOnce(position: 2)
    let database = ProjectionStore()
    let projector = BalancesProjector(store: try store(), database: database, decode: { try failures.decode($0) })
    try run(projector, at: at(0), "The first run")
    try expectBalances(database, ["s-1": 0, "s-3": -80], "After the first run, with s-2's check-in (#2) timed out and s-2's later events waiting:")
    try run(projector, at: at(60), "The run at +60 s")
    try expectBalances(database, cleanPass, "After the retry at +60 s, #2 and then s-2's events that waited behind it (#4, #6, #9) in order:")
    guard database.stuck.isEmpty else {
        throw SpecFailure("After the successful retry nothing should be stuck; stuck: \(describe(database.stuck)).")
    }
}

suite.check("after the fix, replaying the parked charge applies it and what waited behind it: one clean pass, nothing stuck") { _ in
    let projector = BalancesProjector(store: try store(), database: ProjectionStore())
    try expectTimeline(projector, [(0, 1, false), (60, 2, false), (180, 3, true)])
    projector.decode = BalanceEvent.decodeAfterFix
    try run(projector, at: at(200), "A run after the fix was deployed, before anyone replays")
    guard projector.database.stuck[poison]?.status == .parked else {
        throw SpecFailure("A parked event waits for a person: the run at +200 s should leave #4 parked until replayParked; stuck: \(describe(projector.database.stuck)).")
    }
    do {
        try projector.replayParked(now: at(210))
    } catch {
        throw SpecFailure("replayParked(now:) threw \(error).")
    }
    try expectBalances(projector.database, cleanPass, "After replayParked with the fix:")
    guard projector.database.stuck.isEmpty, projector.database.checkpoint == Int64(night.count) else {
        throw SpecFailure("After the replay: expected nothing stuck and checkpoint \(night.count); stuck \(describe(projector.database.stuck)), checkpoint \(projector.database.checkpoint).")
    }
}

suite.check("running again, or restarting from the stored state, counts nothing twice and retries nothing early") { _ in
    let database = ProjectionStore(), log = try store()
    try run(BalancesProjector(store: log, database: database), at: at(0), "The first run")
    try run(BalancesProjector(store: log, database: database), at: at(1), "A second run, by a restarted projector")
    try run(BalancesProjector(store: log, database: database), at: at(2), "A third run")
    try expectBalances(database, withS2Stuck, "After three runs within the first minute:")
    let entry = try stuckEvent(database, poison, "After three runs")
    guard entry.attempts == 1, database.stuck.count == 3 else {
        throw SpecFailure("After three runs within the first minute: expected #4 with 1 failed attempt and 3 stuck events (#4, #6, #9); actual \(describe(database.stuck)).")
    }
}

suite.check("a night with a poison event: the stall averted, the charge parked, the fix deployed, the replay") { trace in
    let log = try store()
    let projector = BalancesProjector(store: log, database: ProjectionStore())
    func readModels() -> [String: JSONValue] {
        let database = projector.database
        return [
            "Balances": .object(database.balances.mapValues { .int(Int64($0)) }),
            "Checkpoint": .int(database.checkpoint),
            "Stuck events": .array(database.stuck.keys.sorted().compactMap { position in
                database.stuck[position].map {
                    .string("#\(position) \($0.event.eventType) of \($0.event.streamID): \(describe($0.status)), \($0.attempts) failed; \($0.reason)")
                }
            }),
        ]
    }
    trace.step("The night's log: release 2.3.1 stored s-2's charge (#4) with its amount as a string", appended: try log.readAll(after: 0, limit: .max),
               readModels: readModels())
    for (seconds, title) in [(0.0, "00:00:00 the projector runs: #4 fails, s-2 waits behind it, s-1 and s-3 flow"),
                             (30, "00:00:30 a run before the backoff: #4 is left alone"),
                             (60, "00:01:00 the first retry fails"),
                             (180, "00:03:00 the last attempt fails: #4 is parked, the alert goes to a person")] {
        try trace.step(title, store: log, { try run(projector, at: at(seconds), title) }, readModels: readModels)
    }
    projector.decode = BalanceEvent.decodeAfterFix
    try trace.step("00:20:00 the fix is deployed and the parked events are replayed", store: log, {
        try projector.replayParked(now: at(1_200))
    }, readModels: readModels)
    try expectBalances(projector.database, cleanPass, "After the night:")
}

suite.fullSizeRun("a poison event injected into the seeded history while the desk keeps writing: retried, parked, fixed, replayed") { sample in
    let log = try SQLiteEventStore(path: sample.storePath)
    let seededHead = try log.headPosition()
    guard seededHead > 0 else { throw SpecFailure("The sample store is empty: run `workshop seed` first.") }
    // The incident: release 2.3.1 of the desk writes a charge with its amount as a string, on a
    // live stay, and the stay's payment after it; other stays keep arriving around it.
    let tag = "live-poison-\(seededHead)"
    var written = 0
    func desk(_ stay: String, _ type: String, _ json: String) throws {
        written += 1
        try log.append(to: "guest_stay-\(stay)", events: [EventData(
            eventType: type, data: Data(json.utf8), metadata: EventMetadata(correlationID: "desk-\(tag)", causationID: "desk-\(written)"))])
    }
    func traffic(_ stays: Int, _ from: Int) throws {
        for number in from..<(from + stays) {
            let stay = "\(tag)-ok-\(number)"
            try desk(stay, "GuestCheckedIn", #"{"stayId":"\#(stay)","guestId":"g-\#(number)","roomNumber":"2\#(number % 100)"}"#)
            try desk(stay, "ChargeRecorded", #"{"stayId":"\#(stay)","chargeId":"c-\#(number)","amount":\#(50 + number)}"#)
        }
    }
    let poisoned = "\(tag)-s-2"
    try traffic(10, 0)
    try desk(poisoned, "GuestCheckedIn", #"{"stayId":"\#(poisoned)","guestId":"ben","roomNumber":"102"}"#)
    try desk(poisoned, "ChargeRecorded", #"{"stayId":"\#(poisoned)","chargeId":"c-poison","amount":"120"}"#)
    let poisonPosition = try log.headPosition()
    try traffic(10, 10)
    try desk(poisoned, "PaymentReceived", #"{"stayId":"\#(poisoned)","paymentId":"p-poison","amount":50}"#)
    try traffic(10, 20)
    sample.trace.step("the desk's release 2.3.1 writes \(poisoned)'s charge with its amount as a string (#\(poisonPosition)), among 30 other stays",
                   appended: try log.readAll(after: seededHead, limit: 200))

    // The projector catches up over the whole history, one batch per run, a minute per run.
    let database = ProjectionStore()
    let projector = BalancesProjector(store: log, database: database, batchSize: 5_000)
    var clock = 0.0
    func runUntilCaughtUp(_ title: String) throws {
        var runs = 0
        let head = try log.headPosition()
        repeat {
            try run(projector, at: at(clock), "The run at +\(Int(clock)) s")
            clock += 60
            runs += 1
            sample.progress(title, done: database.checkpoint, total: head, detail: "\(database.stuck.count) stuck")
        } while database.checkpoint < head && runs < Int(head / 5_000) + 10
        guard database.checkpoint == head else {
            throw SpecFailure("After \(runs) runs the projection is at \(database.checkpoint) of \(head): it does not get past an event it cannot read.")
        }
    }
    func sum(_ stay: String, fixed: Bool) throws -> Int {
        var balances: [String: Int] = [:]
        for event in try log.readStream("guest_stay-\(stay)") {
            BalanceEvent.apply(try (fixed ? BalanceEvent.decodeAfterFix : BalanceEvent.decode)(event), to: &balances)
        }
        return balances[stay] ?? 0
    }
    func readModels() throws -> [String: JSONValue] {
        [
            "Checkpoint": .int(database.checkpoint),
            "Stays with a balance": .int(Int64(database.balances.count)),
            "Balance of \(poisoned)": database.balances[poisoned].map { .int(Int64($0)) } ?? .null,
            "Stuck events": .array(database.stuck.keys.sorted().prefix(20).compactMap { position in
                database.stuck[position].map { .string("#\(position) \($0.event.eventType) of \($0.event.streamID): \(describe($0.status)), \($0.attempts) failed; \($0.reason)") }
            }),
        ]
    }
    try runUntilCaughtUp("the balances projection catching up with the seeded history")
    sample.trace.step("caught up: every stay flows but \(poisoned), whose charge is stuck and its payment waits", readModels: try readModels())
    guard let stuck = database.stuck[poisonPosition], stuck.event.streamID == "guest_stay-\(poisoned)" else {
        throw SpecFailure("After catching up, the unreadable charge #\(poisonPosition) should be among the stuck events; stuck: \(describe(database.stuck)).")
    }
    guard database.balances[poisoned] == 0 else {
        throw SpecFailure("While its charge is stuck, \(poisoned) should show only its check-in (balance 0); it shows \(database.balances[poisoned].map(String.init) ?? "none").")
    }
    for number in [0, 15, 29] {
        let stay = "\(tag)-ok-\(number)"
        guard database.balances[stay] == (try sum(stay, fixed: false)) else {
            throw SpecFailure("\(stay), written after the poison or around it, should be current (\(try sum(stay, fixed: false))); it is \(database.balances[stay].map(String.init) ?? "missing").")
        }
    }
    // Retries after the backoff, until the policy parks it.
    // The desk keeps writing: two new stays before each run.
    var next = 30
    for _ in 0..<10 where database.stuck[poisonPosition]?.status != .parked {
        try traffic(2, next)
        next += 2
        clock += 240
        try run(projector, at: at(clock), "The run at +\(Int(clock)) s")
    }
    guard database.stuck[poisonPosition]?.status == .parked else {
        throw SpecFailure("After ten more runs, 4 minutes apart, #\(poisonPosition) should be parked; stuck: \(describe(database.stuck)).")
    }
    sample.trace.step("the desk keeps writing; #\(poisonPosition) parked after \(database.stuck[poisonPosition]?.attempts ?? 0) attempts: the alert goes to a person", readModels: try readModels())
    // The fix is deployed, the parked events replayed.
    projector.decode = BalanceEvent.decodeAfterFix
    try projector.replayParked(now: at(clock + 600))
    sample.trace.step("the fix deployed, the parked events replayed", readModels: try readModels())
    let lastStay = "\(tag)-ok-\(next - 1)"
    guard database.balances[lastStay] == (try sum(lastStay, fixed: true)) else {
        throw SpecFailure("\(lastStay), written by the desk while #\(poisonPosition) was retried, should be current (\(try sum(lastStay, fixed: true))); it is \(database.balances[lastStay].map(String.init) ?? "missing").")
    }
    guard database.stuck.isEmpty, database.balances[poisoned] == (try sum(poisoned, fixed: true)) else {
        throw SpecFailure("After the replay: expected nothing stuck and \(poisoned) at \(try sum(poisoned, fixed: true)); stuck \(describe(database.stuck)), balance \(database.balances[poisoned].map(String.init) ?? "none").")
    }
}

/// A reader (with the fix) whose first read of one position times out, as a lock or a network
/// hiccup would.
final class FailOnce: Sendable {
    struct Timeout: Error, CustomStringConvertible {
        var description: String { "timed out reading the event (a transient failure)" }
    }

    private let position: Int64
    private let failed = Mutex(false)

    init(position: Int64) { self.position = position }

    func decode(_ recorded: RecordedEvent) throws -> BalanceEvent {
        let fail = recorded.position == position && failed.withLock { failed in defer { failed = true }; return !failed }
        if fail { throw Timeout() }
        return try BalanceEvent.decodeAfterFix(recorded)
    }
}

suite.run()
