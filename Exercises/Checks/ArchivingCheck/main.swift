// Checks for exercise "archiving": stays closed for more than 30 days move to a cold store,
// each leaving one summary event in the hot log; running the job again changes nothing.
import Archiving
import EventSourcing
import EventSourcingSQLite
import EventSourcingTesting
import Foundation
import GRDB
import Synchronization

let start = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01 00:00 UTC
let retention = 30

final class SequentialIDs: Sendable {
    private let next = Mutex<Int64>(1)
    func make() -> UUID { next.withLock { number in defer { number += 1 }; return EventFixtures.fixtureID(number) } }
}

/// A hotel with 40 simulated days of stays (a few hundred events) in a temporary hot store,
/// an empty cold store next to it, and a fixed clock.
final class Hotel {
    let folder: URL
    let store: SQLiteEventStore
    let coldPath: String
    var history = SampleHotel(seed: 2026, start: start)
    let archiver: Archiver

    init() throws {
        folder = FileManager.default.temporaryDirectory.appending(path: "archiving-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let clock = start.addingTimeInterval(60 * 86_400)
        store = try SQLiteEventStore(path: folder.appending(path: "hotel.sqlite").path, configuration: .init(clock: { clock }))
        coldPath = folder.appending(path: "cold-2026.sqlite").path
        try history.simulate(days: 0..<40, into: store)
        archiver = Archiver(store: store, coldStorePath: coldPath, retentionDays: retention, makeEventID: SequentialIDs().make)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// The stays closed more than `retention` days before `now`, from what the history wrote.
    func expectedDue(at now: Date) -> [String] {
        history.checkedOut.filter { now.timeIntervalSince($0.value) > Double(retention) * 86_400 }.keys.sorted(by: byNumber)
    }

    func hotEventCount() throws -> Int {
        try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM events") ?? 0 }
    }

    /// Every StayArchived event in the hot log, in log order.
    func summaries() throws -> [StayArchived] {
        try store.readAll(after: 0, limit: .max).filter { $0.eventType == "StayArchived" }.compactMap {
            if case .stayArchived(let summary) = try StayEvent.codec.decode($0).event { summary } else { nil }
        }
    }

    /// The summary the check computes itself from what the history wrote.
    func expectedSummary(_ stay: String, archivedAt: Date) -> (charged: Int, paid: Int, events: Int) {
        let events = history.written[stay] ?? []
        var charged = 0, paid = 0
        for event in events {
            if case .chargeRecorded(let e) = event { charged += e.amount }
            if case .paymentReceived(let e) = event { paid += e.amount }
        }
        return (charged, paid, events.count)
    }
}

func byNumber(_ a: String, _ b: String) -> Bool {
    a.count != b.count ? a.count < b.count : a < b
}

func stayIDs(_ streams: [String]) -> [String] {
    streams.map { String($0.dropFirst("guest_stay-".count)) }.sorted(by: byNumber)
}

func list(_ stays: [String]) -> String { stays.isEmpty ? "none" : stays.joined(separator: ", ") }

let day45 = start.addingTimeInterval(45 * 86_400)
let day55 = start.addingTimeInterval(55 * 86_400)

var suite = CheckSuite("archiving")

suite.check("the rule: a stay closed 31 days ago is due; closed exactly 30 or 10 days ago is not; an open stay never is") { _ in
    let now = day45
    let cases: [(String, Date?, Bool)] = [
        ("closed 31 days ago", now.addingTimeInterval(-31 * 86_400), true),
        ("closed 30 days and 1 second ago", now.addingTimeInterval(-30 * 86_400 - 1), true),
        ("closed exactly 30 days ago", now.addingTimeInterval(-30 * 86_400), false),
        ("closed 10 days ago", now.addingTimeInterval(-10 * 86_400), false),
        ("still open (checked in 45 days ago)", nil, false),
    ]
    let wrong = cases.filter { Archiver.isDue(checkedOutAt: $0.1, now: now, retentionDays: retention) != $0.2 }
    guard wrong.isEmpty else {
        throw SpecFailure("With a retention of 30 days, isDue is wrong for: "
            + wrong.map { "\($0.0) (expected \($0.2 ? "due" : "not due"))" }.joined(separator: "; ") + ".")
    }
}

suite.check("given 40 days of stays, the run on day 45 archives exactly the stays closed more than 30 days before") { _ in
    let hotel = try Hotel()
    let expected = hotel.expectedDue(at: day45)
    let run = try hotel.archiver.archive(now: day45)
    let archived = stayIDs(try hotel.store.archivedStreams().map(\.streamID))
    guard archived == expected else {
        let extra = archived.filter { !expected.contains($0) }, missing = expected.filter { !archived.contains($0) }
        let open = extra.filter { hotel.history.open.contains($0) }
        throw SpecFailure("""
            Archived \(archived.count) stays, expected \(expected.count). Archived but not due: \(list(extra))\
            \(open.isEmpty ? "" : " (still open: \(list(open)))"); due but not archived: \(list(missing)).
            """)
    }
    guard run.archivedStays.sorted(by: byNumber) == expected else {
        throw SpecFailure("The run reports archivedStays \(list(run.archivedStays)); expected \(list(expected)).")
    }
    guard try hotel.store.readStream(StayEvent.streamID(stayID: "s-1")).count > 0 else {
        throw SpecFailure("The long-term guest s-1 (checked in on day 0, still in the hotel) lost its stream.")
    }
}

suite.check("the hot log shrinks by the archived events; one summary per archived stay stays in it") { _ in
    let hotel = try Hotel()
    let before = try hotel.hotEventCount()
    let expected = hotel.expectedDue(at: day45)
    let moved = expected.reduce(0) { $0 + (hotel.history.written[$1]?.count ?? 0) }
    let run = try hotel.archiver.archive(now: day45)
    let after = try hotel.hotEventCount()
    let summaries = try hotel.summaries()
    guard summaries.count == expected.count else {
        throw SpecFailure("The hot log holds \(summaries.count) StayArchived summaries after archiving \(expected.count) stays; expected one per stay. Without it, every report rebuilt from the log loses those stays' totals.")
    }
    guard after == before - moved + expected.count else {
        throw SpecFailure("The hot log went from \(before) to \(after) events; expected \(before) - \(moved) archived + \(expected.count) summaries = \(before - moved + expected.count).")
    }
    guard run.eventsMoved == Int64(moved), run.summariesWritten == expected.count else {
        throw SpecFailure("The run reports eventsMoved \(run.eventsMoved) and summariesWritten \(run.summariesWritten); expected \(moved) and \(expected.count).")
    }
}

suite.check("each summary carries its stay's totals, on a short stream archived_stay-{id} of one event") { _ in
    let hotel = try Hotel()
    let expected = hotel.expectedDue(at: day45)
    try hotel.archiver.archive(now: day45)
    for stay in expected {
        let stream = try hotel.store.readStream(StayArchived.streamID(stayID: stay))
        guard stream.count == 1, case .stayArchived(let summary) = try StayEvent.codec.decode(stream[0]).event else {
            throw SpecFailure("\(StayArchived.streamID(stayID: stay)) holds \(stream.count) events (\(stream.map(\.eventType))); expected one StayArchived.")
        }
        let totals = hotel.expectedSummary(stay, archivedAt: day45)
        guard summary.charged == totals.charged, summary.paid == totals.paid, summary.balance == totals.paid - totals.charged,
              summary.eventCount == totals.events, summary.checkedOutAt == hotel.history.checkedOut[stay], summary.archivedAt == day45
        else {
            throw SpecFailure("The summary of \(stay) is \(SpecFailure.describe(summary)); expected charged \(totals.charged), paid \(totals.paid), \(totals.events) events, archivedAt day 45. Write it before the stay's events leave the hot log.")
        }
    }
}

suite.check("archived stays are hidden from the global log and projections, and readable on request as they were") { _ in
    let hotel = try Hotel()
    guard let stay = hotel.expectedDue(at: day45).first else { throw SpecFailure("The seeded history has no stay due on day 45.") }
    let originals = try hotel.store.readStream(StayEvent.streamID(stayID: stay))
    try hotel.archiver.archive(now: day45)
    let charges = InMemoryProjection(name: "charges", handles: ["ChargeRecorded"], initial: Set<String>()) { $0.insert($1.streamID) }
    try ProjectionRunner(store: hotel.store).catchUp(charges)
    let visible = Set(try hotel.store.readAll(after: 0, limit: .max).map(\.streamID))
    let archived = try hotel.store.archivedStreams().map(\.streamID)
    let leaked = archived.filter { visible.contains($0) || charges.readModel.contains($0) }
    guard leaked.isEmpty else { throw SpecFailure("Archived stays still in the global log or a projection: \(list(leaked)).") }
    guard try hotel.store.readArchivedStream(StayEvent.streamID(stayID: stay)) == originals else {
        throw SpecFailure("The archived events of \(stay) read back from the cold store differ from the originals.")
    }
}

suite.check("archiving twice does nothing: no second summary, no event moves; the next night archives only what became due") { _ in
    let hotel = try Hotel()
    try hotel.archiver.archive(now: day45)
    let head = try hotel.store.headPosition(), count = try hotel.hotEventCount()
    let again = try hotel.archiver.archive(now: day45)
    guard try hotel.store.headPosition() == head, try hotel.hotEventCount() == count, again.archivedStays.isEmpty, again.summariesWritten == 0 else {
        let appended = try hotel.store.readAll(after: head, limit: 10).map { "\($0.eventType) to \($0.streamID)" }
        throw SpecFailure("The second run on day 45 changed the hot log: appended \(appended), archived \(list(again.archivedStays)).")
    }
    let later = try hotel.archiver.archive(now: day55)
    let newlyDue = hotel.expectedDue(at: day55).filter { !hotel.expectedDue(at: day45).contains($0) }
    guard later.archivedStays.sorted(by: byNumber) == newlyDue, later.summariesWritten == newlyDue.count else {
        throw SpecFailure("On day 55 the run archived \(list(later.archivedStays)) with \(later.summariesWritten) summaries; expected \(list(newlyDue)).")
    }
    let summaries = try hotel.summaries().map(\.stayID)
    guard summaries.count == Set(summaries).count else {
        throw SpecFailure("Some stays have two summaries: \(list(summaries.filter { s in summaries.filter { $0 == s }.count > 1 }))")
    }
}

suite.check("a run that crashed after writing a summary finishes the stay next time, without a second summary") { _ in
    let hotel = try Hotel()
    guard let stay = hotel.expectedDue(at: day45).first else { throw SpecFailure("The seeded history has no stay due on day 45.") }
    // The crashed run wrote the summary, then died before moving the stay.
    guard let summary = try hotel.archiver.summary(ofStay: stay, archivedAt: day45) else {
        throw SpecFailure("summary(ofStay: \(stay)) gave nil before anything was archived.")
    }
    try hotel.store.append(to: StayArchived.streamID(stayID: stay), expected: .noStream,
                           events: [StayEvent.codec.encode(.stayArchived(summary), eventID: EventFixtures.fixtureID(900_000))])
    try hotel.archiver.archive(now: day45)
    guard try hotel.store.isArchived(StayEvent.streamID(stayID: stay)) else {
        throw SpecFailure("\(stay) already had its summary from the crashed run and was not archived by the rerun.")
    }
    let count = try hotel.store.readStream(StayArchived.streamID(stayID: stay)).count
    guard count == 1 else { throw SpecFailure("\(stay) has \(count) summaries after the rerun; expected 1.") }
}

suite.check("three nights of archiving over 40 days of stays") { trace in
    let hotel = try Hotel()
    func models() throws -> [String: JSONValue] {
        let archived = try hotel.store.archivedStreams()
        let summaries = try hotel.summaries()
        let streams = try hotel.store.read { try Int.fetchOne($0, sql: "SELECT count(DISTINCT stream_id) FROM events") ?? 0 }
        return [
            "Hot log": ["events": .int(Int64(try hotel.hotEventCount())), "streams": .int(Int64(streams)),
                        "head position": .int(try hotel.store.headPosition())],
            "Archived streams (cold store)": .object(Dictionary(uniqueKeysWithValues: archived.map {
                ($0.streamID, ["events": .int($0.eventCount), "lastVersion": .int($0.lastVersion), "lastPosition": .int($0.lastPosition)] as JSONValue)
            })),
            "Summaries (StayArchived)": .object(Dictionary(uniqueKeysWithValues: summaries.map {
                ($0.stayID, ["charged": .int(Int64($0.charged)), "paid": .int(Int64($0.paid)), "balance": .int(Int64($0.balance)),
                             "events": .int(Int64($0.eventCount)), "checkedOut": .string(JSONCoding.iso8601($0.checkedOutAt))] as JSONValue)
            })),
        ]
    }
    trace.step("40 days of stays in the hot log (\(try hotel.hotEventCount()) events)", readModels: try models())
    try trace.step("Night of day 45: archive stays closed more than 30 days", store: hotel.store, { try hotel.archiver.archive(now: day45) }, readModels: models)
    try trace.step("Night of day 45 again (a retry): nothing changes", store: hotel.store, { try hotel.archiver.archive(now: day45) }, readModels: models)
    try trace.step("Night of day 55: ten more days of stays are due", store: hotel.store, { try hotel.archiver.archive(now: day55) }, readModels: models)
    let open = try hotel.history.open.filter { try hotel.store.isArchived(StayEvent.streamID(stayID: $0)) }
    guard open.isEmpty else { throw SpecFailure("Open stays were archived: \(list(open)).") }
    let archived = try hotel.store.archivedStreams().count, summaries = try hotel.summaries().count
    let due = hotel.expectedDue(at: day55).count
    guard archived == due, summaries == due else {
        throw SpecFailure("After the night of day 55, \(archived) stays are archived with \(summaries) summaries; expected \(due) of each.")
    }
}

// MARK: The full-size run (`workshop sample archiving`, `p` in the app)

/// The guest stays whose checkout is in the hot log, with its time, read straight from the
/// events table (not through the code under test).
func checkoutsInHotLog(_ store: SQLiteEventStore) throws -> [(stream: String, at: Date)] {
    struct Checkout: Decodable { var at: Date }
    let decoder = JSONCoding.decoder()
    return try store.read { db in
        try Row.fetchAll(db, sql: "SELECT stream_id, data FROM events WHERE event_type = 'GuestCheckedOut' AND stream_id LIKE 'guest_stay-%'")
            .compactMap { row in
                guard let stream = row["stream_id"] as String?, let data = row["data"] as Data?,
                      let checkout = try? decoder.decode(Checkout.self, from: data) else { return nil }
                return (stream, checkout.at)
            }
    }
}

/// Reports the job's progress while it runs as one call: twice a second, from a read-only
/// connection of its own, how many due stays have their summary (the job writes those first,
/// one by one, before it moves any). Returns the function that stops it.
func watchSummaries(_ run: FullSizeRun, title: String, before: Int, due: Int) throws -> () -> Void {
    final class Watch: Sendable {
        let stopped = Mutex(false)
        let finished = DispatchSemaphore(value: 0)
    }
    let observer = try SQLiteEventStore(path: run.storePath, configuration: .init(readOnly: true))
    let watch = Watch()
    Thread {
        while !watch.stopped.withLock({ $0 }) {
            // A range on the (stream_id, stream_version) index: no scan of the whole log.
            let written = (try? observer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM events WHERE stream_id >= 'archived_stay-' AND stream_id < 'archived_stay.'") }) ?? nil
            if let written {
                run.progress(title, done: Int64(max(0, written - before)), total: Int64(due), detail: "summaries written")
            }
            usleep(500_000)
        }
        watch.finished.signal()
    }.start()
    return {
        watch.stopped.withLock { $0 = true }
        watch.finished.wait()
    }
}

suite.fullSizeRun("the nightly archive job over the seeded year: stays closed more than \(retention) days move to .workshop/cold.sqlite") { run in
    let store = try SQLiteEventStore(path: run.storePath)
    let coldPath = run.folder.appending(path: "cold.sqlite").path
    let checkouts = try checkoutsInHotLog(store)
    // "Now" is the last checkout of the seeded year, so the job archives the same stays
    // whenever it runs (and new desk traffic, which never checks out, does not move it).
    guard let now = checkouts.map(\.at).max() else {
        throw SpecFailure("The sample store has no closed stays in its hot log: run `workshop seed` for a fresh year.")
    }
    let cutoff = now.addingTimeInterval(-Double(retention) * 86_400)
    let due = checkouts.filter { $0.at < cutoff }
    func count(_ sql: String) throws -> Int { try store.read { try Int.fetchOne($0, sql: sql) ?? 0 } }
    func models(_ extra: [String: JSONValue] = [:]) throws -> [String: JSONValue] {
        var models: [String: JSONValue] = [
            "Hot log": ["events": .int(Int64(try count("SELECT count(*) FROM events"))),
                        "closed stays": .int(Int64(try checkoutsInHotLog(store).count))],
            "Cold store": ["streams": .int(Int64(try count("SELECT count(*) FROM archived_streams"))), "file": .string(coldPath)],
            "The job": ["now": .string(JSONCoding.iso8601(now)), "archives stays closed before": .string(JSONCoding.iso8601(cutoff))],
        ]
        models.merge(extra) { $1 }
        return models
    }
    run.trace.step("before the job: \(due.count) of \(checkouts.count) closed stays in the hot log are due", readModels: try models())

    let archiver = Archiver(store: store, coldStorePath: coldPath, retentionDays: retention)
    let title = "your Archiver.archive(now:) over the hot log"
    run.progress(title, done: 0, total: Int64(due.count), detail: "stays due")
    let summariesBefore = try count("SELECT count(*) FROM events WHERE stream_id >= 'archived_stay-' AND stream_id < 'archived_stay.'")
    let stopWatching = try watchSummaries(run, title: title, before: summariesBefore, due: due.count)
    let outcome = Result { try archiver.archive(now: now) }
    stopWatching()
    let result = try outcome.get()
    run.progress(title, done: Int64(result.archivedStays.count), total: Int64(due.count), detail: "stays moved")
    var extra: [String: JSONValue] = ["This run": ["stays archived": .int(Int64(result.archivedStays.count)),
                                                  "summaries written": .int(Int64(result.summariesWritten)),
                                                  "events moved": .int(result.eventsMoved)]]
    if let first = result.archivedStays.first, let summary = try store.readStream(StayArchived.streamID(stayID: first)).first {
        extra["A summary left in the hot log"] = try JSONValue(data: summary.data)
        extra["Its stay, read back from cold"] = ["events": .int(Int64(try store.readArchivedStream(StayEvent.streamID(stayID: first)).count))]
    }
    run.trace.step("after the job: \(result.archivedStays.count) stays moved to cold storage", readModels: try models(extra))

    // Every due stay left the hot log...
    let left = try checkoutsInHotLog(store).filter { $0.at < cutoff }
    if let first = left.first {
        throw SpecFailure("\(left.count) stays closed more than \(retention) days before \(JSONCoding.iso8601(now)) are still in the hot log "
            + "(\(first.stream) closed \(JSONCoding.iso8601(first.at))).")
    }
    // ...and only due stays did, each with one summary behind.
    for stay in result.archivedStays.prefix(500) {
        let moved = try store.readArchivedStream(StayEvent.streamID(stayID: stay))
        guard let out = moved.compactMap({ try? StayEvent.codec.decode($0).event }).last, case .guestCheckedOut(let checkout) = out else {
            throw SpecFailure("\(stay) was archived but never checked out: an open stay's next charge would find no stream.")
        }
        guard checkout.at < cutoff else {
            throw SpecFailure("\(stay) closed \(JSONCoding.iso8601(checkout.at)), less than \(retention) days before \(JSONCoding.iso8601(now)), but was archived.")
        }
        let summaries = try store.readStream(StayArchived.streamID(stayID: stay)).count
        guard summaries == 1 else {
            throw SpecFailure("\(stay) was archived with \(summaries) summary events in the hot log; expected exactly one.")
        }
    }
    let again = try archiver.archive(now: now)
    guard again.archivedStays.isEmpty, again.summariesWritten == 0 else {
        throw SpecFailure("Running the job a second time archived \(again.archivedStays.count) stays and wrote \(again.summariesWritten) summaries; expected nothing.")
    }
    run.trace.step("the job again: nothing to do", readModels: try models(["This run": ["stays archived": 0, "summaries written": 0, "events moved": 0]]))
}

suite.run()
