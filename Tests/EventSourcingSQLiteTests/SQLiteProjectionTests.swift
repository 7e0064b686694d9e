import EventSourcing
import EventSourcingSQLite
import Foundation
import GRDB
import Synchronization
import Testing

/// A read model in SQLite stays exact under at-least-once delivery: redelivered batches,
/// handlers failing halfway, overlapping batches and rebuilds all end where one clean pass ends.
@Suite struct SQLiteProjectionTests {
    let directory: TemporaryDirectory
    let store: SQLiteEventStore

    init() throws {
        directory = try TemporaryDirectory()
        store = try SQLiteEventStore(path: directory.file("projection.sqlite"))
        // 3 stays, 45 events, and events of a type the projection ignores in between.
        for index in 1...45 {
            let stay = "guest_stay-\(index % 3)"
            let charged = EventData(eventType: "ChargeRecorded", data: Data(#"{"amount":\#(index)}"#.utf8))
            let noise = EventData(eventType: "GuestNoted", data: Data("{}".utf8))
            try store.append(to: stay, events: index % 4 == 0 ? [charged, noise] : [charged])
        }
    }

    struct Charge: Decodable, Sendable { let amount: Int }

    /// Adds each charge to its stay's total. Deliberately not idempotent on its own
    /// (`total + amount`): only the checkpoint protects it from counting an event twice.
    func totals(_ table: String, failOn: FailOnce? = nil, parallelDecodingThreshold: Int = 256) throws -> SQLiteProjection<(RecordedEvent, Charge)> {
        try SQLiteProjection(
            name: table, store: store, handles: ["ChargeRecorded"],
            setUp: { db in
                try db.execute(sql: "CREATE TABLE IF NOT EXISTS \(table) (stay TEXT PRIMARY KEY, charges INTEGER, total INTEGER)")
            },
            decode: { event in (event, try JSONDecoder().decode(Charge.self, from: event.data)) },
            apply: { db, decoded in
                let (event, charge) = decoded
                try db.execute(
                    sql: """
                        INSERT INTO \(table) (stay, charges, total) VALUES (?, 1, ?)
                        ON CONFLICT (stay) DO UPDATE SET charges = charges + 1, total = total + excluded.total
                        """,
                    arguments: [event.streamID, charge.amount])
                if let failOn, failOn.shouldFail(at: event.position) { throw FailOnce.Crash() }
            },
            reset: { db in try db.execute(sql: "DELETE FROM \(table)") },
            parallelDecodingThreshold: parallelDecodingThreshold)
    }

    /// Throws once from the handler at a given position, after that event's row was written:
    /// a process dying between its read-model write and its checkpoint.
    final class FailOnce: Sendable {
        struct Crash: Error {}
        let position: Int64
        private let failed = Mutex(false)
        init(at position: Int64) { self.position = position }
        func shouldFail(at position: Int64) -> Bool {
            failed.withLock { failed in
                guard position == self.position, !failed else { return false }
                failed = true
                return true
            }
        }
    }

    func rows(_ table: String) throws -> [String] {
        try store.read { db in
            try Row.fetchAll(db, sql: "SELECT stay, charges, total FROM \(table) ORDER BY stay").map { "\($0)" }
        }
    }

    func cleanPass() throws -> [String] {
        try ProjectionRunner(store: store).catchUp(try totals("clean"))
        return try rows("clean")
    }

    func pages(of size: Int) throws -> [[RecordedEvent]] {
        var pages: [[RecordedEvent]] = []
        var after: Int64 = 0
        while true {
            let page = try store.readAll(after: after, limit: size)
            guard let last = page.last else { return pages }
            pages.append(page)
            after = last.position
        }
    }

    @Test func everyBatchDeliveredTwiceEndsEqualToOneCleanPass() throws {
        let projection = try totals("twice")
        for page in try pages(of: 7) {
            let relevant = page.filter { projection.handledEventTypes.contains($0.eventType) }
            try projection.apply(relevant, checkpoint: page.last?.position ?? 0)
            try projection.apply(relevant, checkpoint: page.last?.position ?? 0)
        }
        #expect(try rows("twice") == (try cleanPass()))
        #expect(try projection.checkpoint() == (try store.headPosition()))
    }

    @Test func aHandlerFailingHalfwayRollsBackItsBatchAndRedeliveryEndsEqual() throws {
        let crashAt = try store.readAll(after: 0, limit: 100).filter { $0.eventType == "ChargeRecorded" }[20].position
        let projection = try totals("crashed", failOn: FailOnce(at: crashAt))
        let runner = ProjectionRunner(store: store, batchSize: 10)
        #expect(throws: FailOnce.Crash.self) { try runner.catchUp(projection) }
        // Nothing of the failed batch is visible: neither its rows nor its checkpoint.
        let checkpoint = try projection.checkpoint()
        #expect(checkpoint < crashAt)
        let counted = try store.read { try Int.fetchOne($0, sql: "SELECT coalesce(sum(charges), 0) FROM crashed") } ?? 0
        #expect(counted == (try store.readAll(after: 0, limit: 100).filter { $0.eventType == "ChargeRecorded" && $0.position <= checkpoint }.count))
        // Redelivery: from the checkpoint, and once more from the start for good measure.
        try runner.catchUp(projection)
        for page in try pages(of: 10) {
            try projection.apply(page.filter { $0.eventType == "ChargeRecorded" }, checkpoint: page.last?.position ?? 0)
        }
        #expect(try rows("crashed") == (try cleanPass()))
    }

    @Test func overlappingBatchesApplyOnlyTheEventsBeyondTheCheckpoint() throws {
        let charges = try store.readAll(after: 0, limit: 100).filter { $0.eventType == "ChargeRecorded" }
        let projection = try totals("overlap")
        try projection.apply(Array(charges[0..<20]), checkpoint: charges[19].position)
        try projection.apply(Array(charges[10..<30]), checkpoint: charges[29].position)
        try projection.apply(Array(charges[25...]), checkpoint: charges[charges.count - 1].position)
        #expect(try rows("overlap") == (try cleanPass()))
    }

    @Test func theCheckpointNeverMovesBackwards() throws {
        let charges = try store.readAll(after: 0, limit: 100).filter { $0.eventType == "ChargeRecorded" }
        let projection = try totals("forward")
        try projection.apply(Array(charges[0..<20]), checkpoint: charges[19].position)
        let before = try rows("forward")
        try projection.apply(Array(charges[0..<5]), checkpoint: charges[4].position)
        try projection.apply([], checkpoint: charges[19].position)
        #expect(try projection.checkpoint() == charges[19].position)
        #expect(try rows("forward") == before)
    }

    @Test func aRebuildResetsRowsAndCheckpointAndEndsEqual() throws {
        let projection = try totals("rebuilt")
        let runner = ProjectionRunner(store: store, batchSize: 8)
        try runner.catchUp(projection)
        try projection.reset()
        #expect(try projection.checkpoint() == 0)
        #expect(try rows("rebuilt") == [])
        let progress = try runner.rebuild(projection)
        #expect(progress.checkpoint == (try store.headPosition()))
        #expect(try rows("rebuilt") == (try cleanPass()))
    }

    @Test func parallelDecodingKeepsEventOrderAndReportsTheFirstFailure() throws {
        // Decoded on several threads (threshold 1), applied in order: totals match.
        let projection = try totals("parallel", parallelDecodingThreshold: 1)
        try ProjectionRunner(store: store, batchSize: 100).catchUp(projection)
        #expect(try rows("parallel") == (try cleanPass()))

        let broken = try totals("broken", parallelDecodingThreshold: 1)
        var events = try store.readAll(after: 0, limit: 100).filter { $0.eventType == "ChargeRecorded" }
        events[30].data = Data("not json".utf8)
        #expect(throws: DecodingError.self) { try broken.apply(events, checkpoint: events[events.count - 1].position) }
        #expect(try broken.checkpoint() == 0)
        #expect(try rows("broken") == [])
    }
}
