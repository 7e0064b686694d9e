import EventSourcing
@testable import EventSourcingSQLite
import Foundation
import GRDB
import Testing

/// What only a file-backed store can get wrong: the file's settings, damaged rows, locks,
/// reopening, and positions that must never be reused.
@Suite struct SQLiteEventStoreTests {
    let directory: TemporaryDirectory
    let path: String

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.file("events.sqlite")
    }

    func event(_ tag: String, metadata: EventMetadata = EventMetadata(correlationID: "flow")) -> EventData {
        EventData(eventType: "GuestCheckedIn", data: Data(#"{"tag":"\#(tag)"}"#.utf8), metadata: metadata)
    }

    /// A second connection on the same file, for what the store itself must never do.
    func rawSQL(_ sql: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { try $0.execute(sql: sql) }
    }

    // MARK: Settings

    @Test(arguments: [(SQLiteEventStore.Durability.normal, 1), (.full, 2)])
    func durabilitySetsWALAndTheSynchronousLevel(_ durability: SQLiteEventStore.Durability, synchronous: Int) throws {
        let store = try SQLiteEventStore(path: path, configuration: .init(durability: durability))
        try store.append(to: "s", events: [event("a")])
        let journal = try store.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(journal == "wal")
        // Only the writer connection commits, so its setting is the one that counts.
        #expect(try store.writeImmediately { try Int.fetchOne($0, sql: "PRAGMA synchronous") } == synchronous)
    }

    @Test func reopeningRunsNoMigrationTwiceAndKeepsTheEvents() throws {
        do {
            let store = try SQLiteEventStore(path: path)
            try store.append(to: "s", expected: .noStream, events: [event("a"), event("b")])
        }
        let reopened = try SQLiteEventStore(path: path)
        let again = try SQLiteEventStore(path: path)
        #expect(try reopened.streamState("s") == .exists(version: 2))
        #expect(try again.readAll(after: 0, limit: 10).count == 2)
        let migrations = try again.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(migrations == ["v1 events, checkpoints, outbox", "v2 archived streams"])
    }

    @Test func readOnlyStoreReadsButRefusesToWrite() throws {
        let writer = try SQLiteEventStore(path: path)
        try writer.append(to: "s", expected: .noStream, events: [event("a")])
        let browser = try SQLiteEventStore(path: path, configuration: .init(readOnly: true))
        #expect(try browser.readStream("s").count == 1)
        let error = #expect(throws: SQLiteEventStoreError.self) {
            try browser.append(to: "s", events: [event("b")])
        }
        #expect(error?.isReadOnly == true)
        #expect(error?.description.contains("read-only") == true)
        // The writer goes on; the browser sees what it wrote.
        try writer.append(to: "s", expected: .exact(1), events: [event("c")])
        #expect(try browser.streamState("s") == .exists(version: 2))
    }

    @Test func readOnlyOpenOfAFileWithoutAStoreSaysSo() throws {
        try rawSQL("CREATE TABLE unrelated (x)")
        let error = #expect(throws: SQLiteEventStoreError.self) {
            try SQLiteEventStore(path: path, configuration: .init(readOnly: true))
        }
        #expect(error?.description.contains("not an event store") == true)
    }

    // MARK: Positions

    @Test func positionsAreNeverReusedAndReadersSkipGaps() throws {
        let store = try SQLiteEventStore(path: path)
        let first = try store.append(to: "a", expected: .noStream, events: [event("1"), event("2"), event("3")])
        // Archiving the newest events must not let their positions be handed out again.
        try rawSQL("DELETE FROM events WHERE position >= \(first.positions[1])")
        let second = try store.append(to: "b", expected: .noStream, events: [event("4")])
        #expect(second.positions[0] > first.positions[2])
        #expect(try store.headPosition() == second.positions[0])
        #expect(try store.readAll(after: first.positions[0], limit: 10).map(\.position) == second.positions)
    }

    @Test func anEventIDStoredInAnotherStreamIsRefused() throws {
        let store = try SQLiteEventStore(path: path)
        let shared = event("shared")
        try store.append(to: "a", expected: .noStream, events: [shared])
        let refused = #expect(throws: DuplicateEventIDs.self) {
            try store.append(to: "b", expected: .noStream, events: [shared])
        }
        #expect(refused?.eventIDs == [shared.eventID])
        #expect(try store.streamState("b") == .noStream)
    }

    // MARK: Damaged rows

    @Test(arguments: [
        ("metadata", "'{not json'", "metadata"),
        ("metadata", "'[1, 2]'", "metadata"),
        ("stream_version", "'three'", "stream_version"),
        ("event_id", "'not-a-uuid'", "event_id"),
        ("event_id", "42", "event_id"),
        ("recorded_at", "'yesterday'", "recorded_at"),
        ("schema_version", "x'00'", "schema_version"),
        ("data", "42", "data"),
    ])
    func aDamagedRowIsReportedWhereItIsAndReadersCanSkipIt(column: String, garbage: String, named: String) throws {
        let store = try SQLiteEventStore(path: path)
        try store.append(to: "a", expected: .noStream, events: [event("1"), event("2")])
        let damaged = try store.append(to: "b", expected: .noStream, events: [event("3")]).positions[0]
        let after = try store.append(to: "a", expected: .exact(2), events: [event("4")]).positions[0]
        try rawSQL("UPDATE events SET \(column) = \(garbage) WHERE position = \(damaged)")

        // The good events before the damaged row come first, without an error.
        let firstPage = try store.readAll(after: 0, limit: 10)
        #expect(firstPage.map(\.streamID) == ["a", "a"])
        // Then the damaged row itself, named by position and stream.
        let error = #expect(throws: UnreadableEvent.self) {
            try store.readAll(after: firstPage[1].position, limit: 10)
        }
        #expect(error?.position == damaged)
        #expect(error?.streamID == "b")
        #expect(error?.description.contains("position \(damaged)") == true)
        #expect(error?.reason.contains(named) == true, "\(error?.reason ?? "")")
        // And a reader that decides to skip it continues after it.
        #expect(try store.readAll(after: damaged, limit: 10).map(\.position) == [after])
        // The damaged stream cannot be loaded; the other one can.
        #expect(throws: UnreadableEvent.self) { try store.readStream("b") }
        #expect(try store.readStream("a").count == 3)
    }

    // MARK: Locks

    @Test func aLockedDatabaseGivesAClearErrorAndWritesNothing() throws {
        let store = try SQLiteEventStore(path: path, configuration: .init(busyTimeout: 0.2))
        try store.append(to: "s", expected: .noStream, events: [event("a")])
        let holder = try StoreCrashChild("hold-lock", path: path)
        #expect(holder.nextLine() == "locked")

        let error = #expect(throws: SQLiteEventStoreError.self) {
            try store.append(to: "s", expected: .exact(1), events: [event("b")])
        }
        #expect(error?.isLocked == true)
        #expect(error?.description.contains("is locked") == true)
        #expect(error?.description.contains(path) == true)
        // Readers are not blocked by a writer in WAL mode.
        #expect(try store.streamState("s") == .exists(version: 1))

        holder.finish()
        try store.append(to: "s", expected: .exact(1), events: [event("b")])
        #expect(try store.streamState("s") == .exists(version: 2))
    }
}

/// Event ids are stored as 36 characters of upper-case text, formatted and parsed by hand on the
/// hot paths: they must agree with Foundation exactly, and refuse what is not a UUID.
@Suite struct EventIDTextTests {
    @Test func formattingAgreesWithFoundationAndParsingReadsBothCases() {
        for id in (0..<500).map({ _ in UUID() }) + (0..<500).map({ _ in UUID.timeOrdered() }) {
            let text = SQLiteEventStore.uuidText(id)
            #expect(text == id.uuidString)
            for form in [text, text.lowercased()] {
                let parsed = form.utf8.map { $0 }.withUnsafeBufferPointer { StatementColumns.uuid($0) }
                #expect(parsed == id)
            }
        }
    }

    @Test(arguments: ["", "not-a-uuid", "0193C7F2-1B2A-7C3D-8E4F-5A6B7C8D9E0", "0193C7F2-1B2A-7C3D-8E4F-5A6B7C8D9E0G",
                      "0193C7F2X1B2A-7C3D-8E4F-5A6B7C8D9E0F", "0193C7F2-1B2A-7C3D-8E4F-5A6B7C8D9E0/"])
    func parsingRefusesWhatIsNotAUUID(_ text: String) {
        #expect(text.utf8.map { $0 }.withUnsafeBufferPointer { StatementColumns.uuid($0) } == nil)
    }
}
