// Checks for exercise "blue-green": a corrected read model rebuilds from 0 into a new table
// while the old one keeps answering, and queries switch once it has caught up.
import BlueGreen
import EventSourcing
import EventSourcingSQLite
import EventSourcingTesting
import Foundation
import GRDB

/// A deploy over 3 000 seeded events in a temporary SQLite file, with 40 new events arriving
/// during each of the first `busyTicks` ticks. Each tick's progress is kept.
final class Deploy {
    let folder: URL
    let store: SQLiteEventStore
    var history = SampleHistory(seed: 2026)
    let deployment: BlueGreenDeployment
    var ticks: [BlueGreenDeployment.Progress] = []
    var blueCheckpoints: [Int64] = []
    let sample: [String]

    init() throws {
        folder = FileManager.default.temporaryDirectory.appending(path: "blue-green-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try SQLiteEventStore(path: folder.appending(path: "hotel.sqlite").path)
        try history.append(events: 1_500, to: store, renamedPayments: false)
        try history.append(events: 1_500, to: store, renamedPayments: true)
        let blue = try GuestBalances.version1(store)
        try ProjectionRunner(store: store).catchUp(blue)  // v1 has been serving for months
        deployment = BlueGreenDeployment(store: store, blue: blue, green: try GuestBalances.version2(store), batchSize: 500)
        let stays = try GuestBalances.all(in: GuestBalances.v1, store).keys.sorted { $0.count != $1.count ? $0.count < $1.count : $0 < $1 }
        sample = Array(stays.suffix(5))
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Ticks until the deploy has switched (and two more ticks), at most 40.
    func run(busyTicks: Int = 4, trace: Trace? = nil) throws {
        for tick in 1...40 {
            let arriving = tick <= busyTicks
            let title = "tick \(tick): v1 catches up, v2 rebuilds one batch" + (arriving ? "; 40 new events arrive" : "")
            let action = {
                if arriving { try self.history.append(events: 40, to: self.store, renamedPayments: true) }
                self.ticks.append(try self.deployment.tick())
                self.blueCheckpoints.append(try self.deployment.blue.checkpoint())
            }
            if let trace {
                try trace.step(title, store: store, action, readModels: readModels)
            } else {
                try action()
            }
            let switched = ticks.firstIndex { $0.serving == GuestBalances.v2 }
            if let switched, ticks.count >= switched + 3 { return }
        }
    }

    func readModels() throws -> [String: JSONValue] {
        let v1 = try GuestBalances.all(in: GuestBalances.v1, store), v2 = try GuestBalances.all(in: GuestBalances.v2, store)
        let sideBySide: [JSONValue] = sample.map { stay in
            ["stay": .string(stay), "v1 balance": v1[stay].map { .int(Int64($0)) } ?? .null, "v2 balance": v2[stay].map { .int(Int64($0)) } ?? .null]
        }
        var progress: JSONValue = .null
        if let last = ticks.last { progress = try JSONValue(encoding: last) }
        return ["Rebuild": progress, "Five stays in guest_balances_v1 and guest_balances_v2": .array(sideBySide),
                "Rows": ["v1": .int(Int64(v1.count)), "v2": .int(Int64(v2.count))]]
    }

    /// What v2 must hold: the corrected model rebuilt from 0 in one go, after everything.
    func cleanV2() throws -> [String: Int] {
        let clean = try GuestBalances.projection("guest_balances_reference", store: store, paymentTypes: ["PaymentRecorded", "PaymentReceived"])
        try ProjectionRunner(store: store).rebuild(clean)
        return try GuestBalances.all(in: "guest_balances_reference", store)
    }
}

func describe(_ ticks: [BlueGreenDeployment.Progress]) -> String {
    ticks.enumerated().map { "\n    tick \($0.offset + 1): v2 at \($0.element.greenCheckpoint) of \($0.element.head), lag \($0.element.lag), serving \($0.element.serving)" }.joined()
}

var suite = CheckSuite("blue-green")

suite.check("after the first tick, v2 has rebuilt one batch of 500 and queries still read v1") { _ in
    let deploy = try Deploy()
    try deploy.history.append(events: 40, to: deploy.store, renamedPayments: true)
    let progress = try deploy.deployment.tick()
    guard progress.greenCheckpoint == 500, progress.serving == GuestBalances.v1, deploy.deployment.serving == GuestBalances.v1 else {
        throw SpecFailure("After one tick over 3 040 events with batches of 500:\n  expected v2 at position 500, serving \(GuestBalances.v1)\n"
            + "  actual   v2 at \(progress.greenCheckpoint), serving \(progress.serving)")
    }
    let stay = deploy.sample[0]
    let answer = try deploy.deployment.balance(of: stay), v1 = try GuestBalances.balance(of: stay, in: GuestBalances.v1, deploy.store)
    guard answer == v1 else {
        throw SpecFailure("The balance of \(stay) during the rebuild: expected v1's \(String(describing: v1)), got \(String(describing: answer)).")
    }
}

suite.check("queries read v1 while v2's lag is above zero, and switch on the tick it reaches zero") { _ in
    let deploy = try Deploy()
    try deploy.run()
    guard let switched = deploy.ticks.firstIndex(where: { $0.serving == GuestBalances.v2 }) else {
        throw SpecFailure("Queries never switched to v2 within 40 ticks:\(describe(deploy.ticks))")
    }
    let early = deploy.ticks[..<switched].firstIndex { $0.lag == 0 }
    guard deploy.ticks[switched].lag == 0, early == nil, switched >= 5 else {
        throw SpecFailure("Expected v1 to serve until v2's lag is 0 (v2 needs at least 6 batches of 500), then v2:\(describe(deploy.ticks))")
    }
    guard deploy.ticks[switched...].allSatisfy({ $0.serving == GuestBalances.v2 }) else {
        throw SpecFailure("Once switched to v2, queries must stay there:\(describe(deploy.ticks))")
    }
}

suite.check("a burst of arrivals just before v2 catches up: queries switch only at the head as it is now, not as it was at the start") { _ in
    let deploy = try Deploy()
    let headAtStart = try deploy.store.headPosition()
    var burstArrived = false
    for tick in 1...40 {
        // One batch short of the head the deploy started with: 700 events arrive at once, more
        // than v2 reads in one tick.
        if !burstArrived, try deploy.deployment.green.checkpoint() + 500 >= headAtStart {
            try deploy.history.append(events: 700, to: deploy.store, renamedPayments: true)
            burstArrived = true
        }
        let progress = try deploy.deployment.tick()
        deploy.ticks.append(progress)
        guard progress.serving == GuestBalances.v2 else { continue }
        guard progress.lag == 0 else {
            throw SpecFailure("On tick \(tick), queries switched to v2 at position \(progress.greenCheckpoint) while the log's head is "
                + "\(progress.head) (lag \(progress.lag)): v2 reached the head as it was when the deploy started (\(headAtStart)), "
                + "but 700 events arrived just before. Compare with the head now.\(describe(deploy.ticks))")
        }
        let v2 = try GuestBalances.all(in: GuestBalances.v2, deploy.store), clean = try deploy.cleanV2()
        try expectEqual(expected: clean, actual: v2, "After the switch, v2", root: "guest_balances_v2")
        return
    }
    throw SpecFailure("Queries never switched to v2 within 40 ticks after the burst:\(describe(deploy.ticks))")
}

suite.check("v1 keeps answering and keeps up with new events during the rebuild") { _ in
    let deploy = try Deploy()
    try deploy.run()
    for (index, tick) in deploy.ticks.enumerated() where deploy.blueCheckpoints[index] != tick.head {
        throw SpecFailure("After tick \(index + 1), v1 was at position \(deploy.blueCheckpoints[index]) but the log at \(tick.head): "
            + "the users would miss the newest events while v2 rebuilds.")
    }
}

suite.check("nothing is lost in the switch: v2 equals a clean rebuild, with the events that arrived during the deploy") { _ in
    let deploy = try Deploy()
    try deploy.run()
    let v2 = try GuestBalances.all(in: GuestBalances.v2, deploy.store), clean = try deploy.cleanV2()
    guard v2 == clean else {
        let wrong = clean.keys.filter { v2[$0] != clean[$0] }.sorted().prefix(5)
        throw SpecFailure("v2 has \(v2.count) rows, a clean rebuild \(clean.count); they differ for \(wrong.map { "\($0): \(v2[$0].map(String.init) ?? "missing") instead of \(clean[$0].map(String.init) ?? "missing")" }.joined(separator: ", "))")
    }
    let served = try deploy.deployment.balance(of: deploy.sample[4])
    guard served == clean[deploy.sample[4]] else {
        throw SpecFailure("After the switch, the balance of \(deploy.sample[4]) should come from v2: \(String(describing: clean[deploy.sample[4]])), got \(String(describing: served)).")
    }
}

suite.check("the deploy, tick by tick: v1 serving, v2 rebuilding, the switch") { trace in
    let deploy = try Deploy()
    trace.step("3 000 seeded events (first 12 shown); v1 serving, v2 empty",
               appended: try deploy.store.readAll(after: 0, limit: 12), readModels: try deploy.readModels())
    try deploy.run(trace: trace)
    guard deploy.deployment.serving == GuestBalances.v2 else {
        throw SpecFailure("The deploy never switched to v2:\(describe(deploy.ticks))")
    }
}

// MARK: The full-size run (`workshop sample blue-green`, `p` in the app)

/// Front-desk traffic during the deploy: a few new stays checking in, charged and paying under
/// today's name (`PaymentReceived`), on streams of their own so the seeded history is untouched.
struct Desk {
    let prefix: String
    var number = 0

    mutating func traffic(_ count: Int, into store: SQLiteEventStore) throws {
        for _ in 0..<count {
            let stay = "\(prefix)-\(number / 3 + 1)"
            let (type, json) = switch number % 3 {
            case 0: ("GuestCheckedIn", #"{"stayId":"\#(stay)","guestId":"g-live","roomNumber":"101","at":"2026-01-01T12:00:00Z"}"#)
            case 1: ("ChargeRecorded", #"{"stayId":"\#(stay)","chargeId":"c-\#(number)","amount":120,"at":"2026-01-01T12:00:00Z"}"#)
            default: ("PaymentReceived", #"{"stayId":"\#(stay)","paymentId":"p-\#(number)","amount":120,"at":"2026-01-01T12:00:00Z"}"#)
            }
            try store.append(to: "guest_stay-\(stay)", events: [EventData(
                eventType: type, data: Data(json.utf8), metadata: EventMetadata(correlationID: "desk-\(stay)", causationID: "desk"))])
            number += 1
        }
    }
}

suite.fullSizeRun("a blue-green deploy of guest_balances_v2 over the seeded history, while the desk keeps writing") { run in
    let store = try SQLiteEventStore(path: run.storePath)
    guard try store.headPosition() > 0 else { throw SpecFailure("The sample store is empty: run `workshop seed` first.") }
    let runner = ProjectionRunner(store: store, batchSize: 5_000)

    // v1 has served all year. The first run catches it up over the whole history (once).
    let blue = try GuestBalances.version1(store)
    let (blueStart, seededHead) = (try blue.checkpoint(), try store.headPosition())
    try runner.catchUp(blue) { batch in
        run.progress("v1 (blue) catching up with the seeded year", done: batch.checkpoint - blueStart, total: seededHead - blueStart)
    }
    // A fresh deploy each run: v2 starts empty, at position 0.
    let green = try GuestBalances.version2(store)
    try green.reset()
    let deployment = BlueGreenDeployment(store: store, blue: blue, green: green, batchSize: 5_000)
    var desk = Desk(prefix: "live-\(try store.headPosition())")

    // Five stays to watch: the three v1 gets most wrong (paid under the new name) and two paid
    // before the rename, which both versions agree on; none archived (see below).
    func candidates(_ sql: String, _ count: Int) throws -> [String] {
        try store.read { try String.fetchAll($0, sql: sql) }.filter { !(try store.isArchived("guest_stay-\($0)")) }.prefix(count).map { $0 }
    }
    let watched = try candidates("SELECT stay_id FROM \(GuestBalances.v1) ORDER BY balance LIMIT 100", 3)
        + candidates("SELECT stay_id FROM \(GuestBalances.v1) WHERE balance = 0 ORDER BY rowid LIMIT 100", 2)
    // Stays archived (the archiving exercise) are no longer in the log: a rebuild from 0 does
    // not see them, while v1, built before, still has their rows. Only their summary events
    // stay behind, for read models that need the totals.
    let archived = try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM archived_streams WHERE stream_id LIKE 'guest_stay-%'") ?? 0 }
    // Only the watched rows and three counts: the tables hold a row per stay of the year. The
    // watched rows of both tables side by side, as one table for the Read models pane.
    func readModels(_ progress: BlueGreenDeployment.Progress?) throws -> [String: JSONValue] {
        func balance(_ stay: String, _ table: String) throws -> JSONValue {
            try GuestBalances.balance(of: stay, in: table, store).map { JSONValue.int(Int64($0)) } ?? .null
        }
        let sideBySide: [JSONValue] = try watched.map { stay in
            ["stay": .string(stay), "v1 balance": try balance(stay, GuestBalances.v1), "v2 balance": try balance(stay, GuestBalances.v2)]
        }
        func count(_ sql: String) throws -> JSONValue { .int(Int64(try store.read { try Int.fetchOne($0, sql: sql) } ?? 0)) }
        return ["Rebuild": try progress.map { try JSONValue(encoding: $0) } ?? .null,
                "Five stays in guest_balances_v1 and guest_balances_v2": .array(sideBySide),
                "Rows": ["v1": try count("SELECT count(*) FROM \(GuestBalances.v1)"), "v2": try count("SELECT count(*) FROM \(GuestBalances.v2)"),
                         "balances v1 and v2 disagree on": try count("SELECT count(*) FROM \(GuestBalances.v1) b JOIN \(GuestBalances.v2) g USING (stay_id) WHERE b.balance != g.balance"),
                         "stays archived (not in the log any more)": .int(Int64(archived))]]
    }
    run.trace.step("v1 serving over \(try store.headPosition()) events; v2 deployed empty", readModels: try readModels(nil))

    // Tick until queries have moved to v2, with desk traffic on every tick: the log's head keeps
    // moving while v2 chases it.
    let maxTicks = Int(try store.headPosition() / 5_000) + 40
    var ticks: [BlueGreenDeployment.Progress] = []
    var reported = 0.0
    while ticks.count < maxTicks {
        let before = try store.headPosition()
        try desk.traffic(30, into: store)
        let progress = try deployment.tick()
        ticks.append(progress)
        let head = try store.headPosition()
        guard try blue.checkpoint() == head else {
            throw SpecFailure("After tick \(ticks.count), v1 was at \(try blue.checkpoint()) but the log at \(head): v1 must keep up while it serves.")
        }
        if progress.serving == GuestBalances.v2, progress.lag > 0 {
            throw SpecFailure("Tick \(ticks.count) switched queries to v2 with \(progress.lag) events still to rebuild (v2 at \(progress.greenCheckpoint) of \(progress.head)): users would see the balances v2 has not rebuilt yet.")
        }
        run.progress("v2 (green) rebuilding from position 0", done: progress.greenCheckpoint, total: progress.head,
                     detail: "lag \(progress.lag) events, serving \(progress.serving)")
        let fraction = Double(progress.greenCheckpoint) / Double(max(1, progress.head))
        let switched = progress.serving == GuestBalances.v2
        if fraction >= reported + 0.1 || switched {
            reported = fraction
            let title = switched
                ? "tick \(ticks.count): v2 caught up (lag 0), queries switch to v2"
                : "tick \(ticks.count): v2 at \(Int(fraction * 100))% of the log, queries on v1"
            run.trace.step(title, appended: try store.readAll(after: before, limit: 30), readModels: try readModels(progress))
        }
        if switched { break }
    }
    guard deployment.serving == GuestBalances.v2 else {
        throw SpecFailure("Queries never switched to v2 in \(ticks.count) ticks of 5 000 events:\(describe(Array(ticks.suffix(5))))")
    }
    // Nothing lost in the switch: v2 has a row for every stay and, for the stays watched and the
    // desk's new ones, the balance their own streams add up to.
    let (checkIns, v2Rows) = try store.read { db in
        (try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE event_type = 'GuestCheckedIn' AND stream_id LIKE 'guest_stay-%'") ?? 0,
         try Int.fetchOne(db, sql: "SELECT count(*) FROM \(GuestBalances.v2)") ?? 0)
    }
    guard v2Rows == checkIns else {
        throw SpecFailure("After the switch v2 has \(v2Rows) stays but the log holds \(checkIns) check-ins: the events written during the deploy are missing from v2.")
    }
    for stay in watched + ["\(desk.prefix)-1", "\(desk.prefix)-\(max(1, desk.number / 3))"] {
        var expected = 0
        for event in try store.readStream("guest_stay-\(stay)") {
            let amount = Int((try? JSONValue(data: event.data))?["amount"]?.intValue ?? 0)
            if event.eventType == "ChargeRecorded" { expected -= amount }
            if event.eventType == "PaymentRecorded" || event.eventType == "PaymentReceived" { expected += amount }
        }
        guard try deployment.balance(of: stay) == expected else {
            throw SpecFailure("After the switch the balance of \(stay) is \(String(describing: try deployment.balance(of: stay))), but its events add up to \(expected).")
        }
    }
    try desk.traffic(30, into: store)
    try deployment.tick()
    run.trace.step("after the switch: v2 serves and keeps up; v1 can be dropped at leisure", readModels: try readModels(try deployment.tick()))
}

suite.run()
