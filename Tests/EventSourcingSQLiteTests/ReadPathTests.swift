import EventSourcing
@testable import EventSourcingSQLite
import Foundation
import GRDB
import Synchronization
import Testing

/// The store's hot reads run on plain sqlite3 connections of their own (`ReadConnections`):
/// they must see committed data only, never hold a snapshot once they return, survive schema
/// changes and concurrent use, and report SQLite errors as GRDB's readers did.
@Suite struct ReadPathTests {
    let directory: TemporaryDirectory
    let path: String

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.file("events.sqlite")
    }

    func event(_ tag: Int) -> EventData {
        EventData(eventType: "Noted", data: Data(#"{"tag":\#(tag)}"#.utf8),
                  metadata: EventMetadata(correlationID: "flow-\(tag / 10)", causationID: "cmd-\(tag)"))
    }

    /// The WAL checkpoint's own report: `busy` is 1 when a reader's snapshot kept it from
    /// finishing.
    func truncateLog(_ store: SQLiteEventStore) throws -> (busy: Int, log: Int, checkpointed: Int) {
        let row = try #require(try store.writer { try Row.fetchOne($0, sql: "PRAGMA wal_checkpoint(TRUNCATE)") })
        return (row[0], row[1], row[2])
    }

    @Test func readersSeeCommittedEventsOnly() throws {
        let store = try SQLiteEventStore(path: path)
        try store.append(to: "a", expected: .noStream, events: [event(1)])
        let head = try store.headPosition()
        let other = try DatabaseQueue(path: path)
        try other.inTransaction { db in
            try db.execute(sql: """
                INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata, recorded_at)
                VALUES ('a', 2, ?, 'Noted', 1, x'7B7D', '{}', 0), ('b', 1, ?, 'Noted', 1, x'7B7D', '{}', 0)
                """, arguments: [UUID().uuidString, UUID().uuidString])
            // Written but not committed: no reader path may see it.
            #expect(try store.readStream("a").count == 1)
            #expect(try store.readAll(after: 0, limit: 10).count == 1)
            #expect(try store.streamState("a") == .exists(version: 1))
            #expect(try store.streamState("b") == .noStream)
            #expect(try store.headPosition() == head)
            return .commit
        }
        #expect(try store.readStream("a").map(\.streamVersion) == [1, 2])
        #expect(try store.readAll(after: 0, limit: 10).count == 3)
        #expect(try store.streamState("b") == .exists(version: 1))
        #expect(try store.headPosition() == head + 2)
    }

    /// Every read path, including those that stop early (a state, a damaged row, a limit),
    /// ends its snapshot before returning: otherwise a checkpoint could not empty the log.
    @Test func noReadKeepsASnapshotOpen() throws {
        let store = try SQLiteEventStore(path: path)
        for stream in ["a", "b"] {
            try store.append(to: stream, expected: .noStream, events: (1...20).map(event))
        }
        _ = try store.readStream("a")
        _ = try store.readStream("b", from: 20, direction: .backward, limit: 3)
        _ = try store.readAll(after: 0, limit: 5)
        _ = try store.streamState("a")
        _ = try store.streamState("nobody")
        _ = try store.headPosition()
        let projection = try SQLiteProjection(name: "p", store: store, handles: [], apply: { _, _ in }, reset: { _ in })
        _ = try projection.checkpoint()
        // A damaged row stops a page early.
        try DatabaseQueue(path: path).write { try $0.execute(sql: "UPDATE events SET data = 42 WHERE position = 3") }
        #expect(try store.readAll(after: 0, limit: 10).count == 2)
        #expect(throws: UnreadableEvent.self) { try store.readAll(after: 2, limit: 10) }

        let checkpoint = try truncateLog(store)
        #expect(checkpoint.busy == 0)
        #expect(checkpoint.log == 0)
    }

    @Test func readsGoOnAfterASchemaChange() throws {
        let store = try SQLiteEventStore(path: path)
        try store.append(to: "a", expected: .noStream, events: [event(1)])
        #expect(try store.readStream("a").count == 1)
        #expect(try store.readAll(after: 0, limit: 10).count == 1)
        // Another process migrates the file under the prepared statements.
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "ALTER TABLE events ADD COLUMN note TEXT")
            try db.execute(sql: "CREATE INDEX events_by_type ON events (event_type)")
        }
        try store.append(to: "a", expected: .exact(1), events: [event(2)])
        #expect(try store.readStream("a").map(\.streamVersion) == [1, 2])
        #expect(try store.readAll(after: 0, limit: 10).count == 2)
        #expect(try store.streamState("a") == .exists(version: 2))
    }

    @Test func aMissingTableIsAnErrorNotACrash() throws {
        let store = try SQLiteEventStore(path: path)
        try store.append(to: "a", expected: .noStream, events: [event(1)])
        _ = try store.readStream("a")
        try DatabaseQueue(path: path).write { try $0.execute(sql: "DROP TABLE events") }
        let error = #expect(throws: DatabaseError.self) { try store.readAll(after: 0, limit: 10) }
        #expect(error?.message?.contains("no such table") == true, "\(String(describing: error))")
        #expect(throws: DatabaseError.self) { try store.readStream("a") }
    }

    @Test func aReadOnlyStoreReadsEveryPath() throws {
        let writer = try SQLiteEventStore(path: path)
        try writer.append(to: "a", expected: .noStream, events: (1...3).map(event))
        let browser = try SQLiteEventStore(path: path, configuration: .init(readOnly: true))
        #expect(try browser.readStream("a").count == 3)
        #expect(try browser.readStream("a", from: 3, direction: .backward, limit: 2).map(\.streamVersion) == [3, 2])
        #expect(try browser.readAll(after: 0, limit: 2).count == 2)
        #expect(try browser.streamState("a") == .exists(version: 3))
        #expect(try browser.headPosition() == writer.headPosition())
        #expect(try browser.readStream("a") == writer.readStream("a"))
    }

    /// Readers on many threads while a writer appends: every read is a consistent prefix of
    /// its stream, and the connections are handed out one reader at a time.
    @Test func concurrentReadersEachSeeAConsistentSnapshot() throws {
        let store = try SQLiteEventStore(path: path)
        let streams = (0..<4).map { "stream-\($0)" }
        let failures = Mutex<[String]>([])
        let writing = Thread {
            do {
                for version in 1...60 {
                    for stream in streams {
                        try store.append(to: stream, expected: version == 1 ? .noStream : .exact(Int64(version - 1)),
                                         events: [EventData(eventType: "Noted", data: Data(#"{"v":\#(version)}"#.utf8))])
                    }
                }
            } catch {
                failures.withLock { $0.append("writer: \(error)") }
            }
        }
        writing.start()
        DispatchQueue.concurrentPerform(iterations: 8) { reader in
            for round in 0..<60 {
                do {
                    let stream = streams[(reader + round) % streams.count]
                    let events = try store.readStream(stream)
                    if events.map(\.streamVersion) != (0..<events.count).map({ Int64($0) + 1 }) {
                        failures.withLock { $0.append("\(stream) read as \(events.map(\.streamVersion))") }
                    }
                    let log = try store.readAll(after: 0, limit: Int.max)
                    if log.map(\.position) != log.map(\.position).sorted() {
                        failures.withLock { $0.append("the log out of order") }
                    }
                } catch {
                    failures.withLock { $0.append("reader \(reader): \(error)") }
                }
            }
        }
        while !writing.isFinished { usleep(1_000) }
        #expect(failures.withLock { $0 } == [])
        for stream in streams {
            #expect(try store.readStream(stream).count == 60)
        }
    }

    @Test func rowsReadBackExactlyAsAppended() throws {
        let store = try SQLiteEventStore(path: path, configuration: .init(clock: { Date(timeIntervalSince1970: 1_750_000_000.25) }))
        let written = [
            EventData(eventType: "A", data: Data(), metadata: EventMetadata()),
            EventData(eventType: "B", schemaVersion: 3, data: Data("{}".utf8),
                      metadata: EventMetadata(correlationID: "c", causationID: "d", headers: ["user": "zoë", "tenant": "h1"])),
            EventData(eventType: "C", data: Data(repeating: 7, count: 5_000),
                      metadata: EventMetadata(causationID: "quote \" backslash \\ newline \n")),
        ]
        let positions = try store.append(to: "s", expected: .noStream, events: written).positions
        for read in [try store.readStream("s"), try store.readAll(after: 0, limit: 10)] {
            #expect(read.map(\.eventID) == written.map(\.eventID))
            #expect(read.map(\.eventType) == written.map(\.eventType))
            #expect(read.map(\.schemaVersion) == written.map(\.schemaVersion))
            #expect(read.map(\.data) == written.map(\.data))
            #expect(read.map(\.metadata) == written.map(\.metadata))
            #expect(read.map(\.position) == positions)
            #expect(read.map(\.streamID) == ["s", "s", "s"])
            #expect(read.map(\.recordedAt) == Array(repeating: Date(timeIntervalSince1970: 1_750_000_000.25), count: 3))
        }
    }

    // MARK: Event ids

    @Test func uuidsParseInEitherCase() {
        for _ in 0..<1_000 {
            let id = UUID()
            for text in [id.uuidString, id.uuidString.lowercased()] {
                #expect(Array(text.utf8).withUnsafeBufferPointer(SQLiteEventStore.uuid) == id)
            }
        }
    }

    @Test func idsAreWrittenAsFoundationWritesThem() {
        for _ in 0..<1_000 {
            let id = UUID()
            #expect(SQLiteEventStore.uuidText(id) == id.uuidString)
        }
        let edges = [UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
                     UUID(uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255))]
        for id in edges {
            #expect(SQLiteEventStore.uuidText(id) == id.uuidString)
        }
    }

    /// Strict, as the store writes ids: hex digits of either case, dashes where they belong.
    /// (Foundation's `UUID(uuidString:)` is more lenient: it takes "@", "`", "+" or spaces in
    /// places, so it is only the reference for what both accept.)
    @Test func anIDWithAnyOtherByteIsRefused() {
        let valid = Array("0aF93b2C-d4e5-46a7-8b9c-0D1e2F3a4B5c".utf8)
        let hex = Set("0123456789abcdefABCDEF".utf8)
        var disagreements: [String] = []
        for index in valid.indices {
            for byte in UInt8.min...UInt8.max {
                var text = valid
                text[index] = byte
                let ours = text.withUnsafeBufferPointer(SQLiteEventStore.uuid)
                let acceptable = [8, 13, 18, 23].contains(index) ? byte == UInt8(ascii: "-") : hex.contains(byte)
                let expected = acceptable ? String(validating: text, as: UTF8.self).flatMap(UUID.init(uuidString:)) : nil
                if ours != expected || (acceptable && expected == nil) { disagreements.append("byte \(byte) at \(index)") }
            }
        }
        #expect(disagreements == [])
        for text in ["", "0aF93b2C-d4e5-46a7-8b9c-0D1e2F3a4B5", "0aF93b2C-d4e5-46a7-8b9c-0D1e2F3a4B5c0", "0aF93b2Cd4e5-46a7-8b9c-0D1e2F3a4B5c-"] {
            #expect(Array(text.utf8).withUnsafeBufferPointer(SQLiteEventStore.uuid) == nil)
        }
    }
}
