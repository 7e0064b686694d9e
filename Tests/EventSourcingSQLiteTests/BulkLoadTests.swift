import EventSourcing
@testable import EventSourcingSQLite
import Foundation
import GRDB
import Testing

/// `bulkLoad(checkpointEvery:_:)` spaces the WAL checkpoints out while its body appends, and
/// leaves the store as it found it: the setting restored, the log checkpointed and emptied.
@Suite struct BulkLoadTests {
    let directory: TemporaryDirectory
    let path: String
    let store: SQLiteEventStore

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.file("bulk.sqlite")
        store = try SQLiteEventStore(path: path)
    }

    struct Stop: Error, Equatable { let tag: Int }

    func autocheckpoint() throws -> Int {
        try store.writer { try Int.fetchOne($0, sql: "PRAGMA wal_autocheckpoint") } ?? -1
    }

    var logSize: Int? {
        (try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int
    }

    func load(_ streams: Range<Int>) throws -> Int {
        var appended = 0
        for stream in streams {
            let events = (0..<20).map { EventData(eventType: "Noted", data: Data(#"{"n":\#($0)}"#.utf8)) }
            appended += try store.appendBatch([(streamID: "s-\(stream)", expected: .noStream, events: events)])[0].positions.count
        }
        return appended
    }

    @Test func theLoadRunsWithTheWiderSettingAndLeavesAnEmptyLog() throws {
        #expect(try autocheckpoint() == 1_000)
        let appended = try store.bulkLoad(checkpointEvery: 5_000) {
            #expect(try autocheckpoint() == 5_000)
            return try load(0..<100)
        }
        #expect(appended == 2_000)
        #expect(try autocheckpoint() == 1_000)
        #expect(logSize == 0)
        #expect(try store.readAll(after: 0, limit: Int.max).count == 2_000)
        #expect(try store.headPosition() == 2_000)
    }

    @Test func aSettingBelowOneMeansOnePage() throws {
        try store.bulkLoad(checkpointEvery: 0) { () throws in
            #expect(try autocheckpoint() == 1)
        }
        #expect(try autocheckpoint() == 1_000)
    }

    /// Whatever the setting was before (another bulk load's, a tuned one), it comes back.
    @Test func thePreviousSettingComesBackEvenIfItWasNotTheDefault() throws {
        try store.writer { try $0.execute(sql: "PRAGMA wal_autocheckpoint = 333") }
        try store.bulkLoad(checkpointEvery: 50) { _ = try load(0..<3) }
        #expect(try autocheckpoint() == 333)
        // Nested: the inner load restores the outer load's setting.
        try store.bulkLoad(checkpointEvery: 70) {
            try store.bulkLoad(checkpointEvery: 90) { () throws in #expect(try autocheckpoint() == 90) }
            #expect(try autocheckpoint() == 70)
        }
        #expect(try autocheckpoint() == 333)
    }

    @Test func theBodysErrorPassesThroughAndTheStoreStaysUsable() throws {
        let error = #expect(throws: Stop.self) {
            try store.bulkLoad(checkpointEvery: 50) {
                _ = try load(0..<5)
                throw Stop(tag: 7)
            }
        }
        #expect(error == Stop(tag: 7))
        #expect(try autocheckpoint() == 1_000)
        // What the body appended before failing stays appended: each append is its own commit.
        #expect(try store.readAll(after: 0, limit: Int.max).count == 100)
        // And the store goes on as before.
        try store.append(to: "after", expected: .noStream, events: [EventData(eventType: "Noted", data: Data("{}".utf8))])
        #expect(try store.streamState("after") == .exists(version: 1))
        #expect(try store.bulkLoad(checkpointEvery: 50) { try load(5..<6) } == 20)
        #expect(logSize == 0)
    }

    /// An append error inside the load (a conflict) is the caller's, unchanged.
    @Test func anAppendErrorInsideTheLoadIsNotTranslated() throws {
        _ = try load(0..<1)
        let conflict = #expect(throws: WrongExpectedVersion.self) {
            try store.bulkLoad(checkpointEvery: 50) { _ = try load(0..<1) }
        }
        #expect(conflict?.streamID == "s-0")
        #expect(try autocheckpoint() == 1_000)
    }

    /// A reader in the middle of a snapshot keeps the checkpoint from emptying the log; the load
    /// still succeeds and the next checkpoint finishes the job.
    @Test func aReaderInTheWayDoesNotFailTheLoad() throws {
        // A short busy timeout: the final checkpoint waits that long for the reader.
        let store = try SQLiteEventStore(path: path, configuration: .init(busyTimeout: 0.2))
        let reader = try DatabaseQueue(path: path)
        let appended = try reader.read { db in
            _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM events")
            return try store.bulkLoad(checkpointEvery: 50) {
                try store.appendBatch((0..<10).map { (streamID: "s-\($0)", expected: .noStream, events: [EventData(eventType: "Noted", data: Data("{}".utf8))]) }).count
            }
        }
        #expect(appended == 10)
        #expect(try store.writer { try Int.fetchOne($0, sql: "PRAGMA wal_autocheckpoint") } == 1_000)
        let checkpoint = try #require(try store.writer { try Row.fetchOne($0, sql: "PRAGMA wal_checkpoint(TRUNCATE)") })
        #expect(checkpoint[0] as Int == 0)
        #expect(logSize == 0)
    }
}
