import EventSourcing
@testable import EventSourcingSQLite
import Foundation
import GRDB
import Testing

/// What can go wrong with the file itself: many processes opening it at once, permissions, a
/// damaged file, a full disk, a file of another application, a file deleted under the store,
/// old schemas, `close()`. Every failure is a sentence that names the path.
@Suite struct StoreFileTests {
    let directory: TemporaryDirectory
    let path: String

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.file("events.sqlite")
    }

    func event(_ tag: String = "e") -> EventData {
        EventData(eventType: "GuestCheckedIn", data: Data(#"{"tag":"\#(tag)"}"#.utf8))
    }

    /// The error `body` throws, as a store error whose sentence names the path.
    func storeError(_ body: () throws -> Any) -> SQLiteEventStoreError? {
        let error = #expect(throws: SQLiteEventStoreError.self) { _ = try body() }
        #expect(error?.description.contains(path) == true, "\(error.map { "\($0)" } ?? "")")
        return error
    }

    // MARK: Opening at the same moment

    @Test func eightProcessesOpeningANewFileAtOnceAllSucceedInEveryRound() throws {
        for round in 1...30 {
            let file = directory.file("race-\(round).sqlite")
            let children = try (1...8).map { _ in try StoreCrashChild("open", path: file) }
            for child in children { #expect(child.nextLine() == "ready") }
            for child in children { child.send("go") }
            let outcomes = children.map { $0.remainingLines().joined(separator: " ") }
            #expect(outcomes == Array(repeating: "opened", count: 8), "round \(round)")
            let store = try SQLiteEventStore(path: file)
            #expect(try store.readAll(after: 0, limit: 100).count == 8, "round \(round)")
            let migrations = try store.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
            #expect(migrations == EventStoreSchema.migrations.map(\.identifier))
        }
    }

    // MARK: Migrations

    @Test func aFileWithOnlyTheFirstMigrationIsUpgradedInPlaceKeepingItsEvents() throws {
        let old = try DatabaseQueue(path: path)
        try old.write { db in
            try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            for statement in EventStoreSchema.migrations[0].statements { try db.execute(sql: statement) }
            try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v1 events, checkpoints, outbox')")
            try db.execute(sql: """
                INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, data, recorded_at)
                VALUES ('guest_stay-1', 1, '\(UUID().uuidString)', 'GuestCheckedIn', 1, x'7b7d', 0)
                """)
        }
        try old.close()
        let readOnly = storeError { try SQLiteEventStore(path: path, configuration: .init(readOnly: true)) }
        #expect(readOnly?.description.contains("without `readOnly`") == true)

        let store = try SQLiteEventStore(path: path)
        #expect(try store.streamState("guest_stay-1") == .exists(version: 1))
        let migrations = try store.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid") }
        #expect(migrations == ["v1 events, checkpoints, outbox", "v2 archived streams"])
        #expect(try store.read { try $0.tableExists("archived_streams") })
    }

    @Test func aFileUpgradedByANewerVersionIsLeftAlone() throws {
        do { _ = try SQLiteEventStore(path: path) }
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99 from the future')") }
        try queue.close()
        let error = storeError { try SQLiteEventStore(path: path) }
        #expect(error?.description.contains("newer version") == true)
    }

    @Test func anotherApplicationsEventsTableIsRefusedAndLeftUntouched() throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE events (id INTEGER PRIMARY KEY, title TEXT)")
            try db.execute(sql: "INSERT INTO events (title) VALUES ('concert')")
        }
        for readOnly in [false, true] {
            let error = storeError { try SQLiteEventStore(path: path, configuration: .init(readOnly: readOnly)) }
            #expect(error?.isForeignFile == true)
            #expect(error?.description.contains("table named events") == true)
        }
        #expect(try queue.read { try String.fetchAll($0, sql: "SELECT title FROM events") } == ["concert"])
        #expect(try queue.read { try !$0.tableExists("grdb_migrations") && !$0.tableExists("outbox") })
    }

    // MARK: Damaged files

    @Test func aFileThatIsNotADatabaseGetsASentenceWithThePath() throws {
        try Data(String(repeating: "not a database. ", count: 512).utf8).write(to: URL(fileURLWithPath: path))
        let error = storeError { try SQLiteEventStore(path: path) }
        #expect(error?.isDamaged == true)
        #expect(error?.description.contains("backup") == true)
    }

    @Test func damagedPagesInAStoreGetASentenceWithThePath() throws {
        do {
            let store = try SQLiteEventStore(path: path)
            for index in 1...200 { try store.append(to: "s-\(index % 7)", events: [event("\(index)")]) }
            try store.bulkLoad(checkpointEvery: 1) {}  // everything into the main file
            try store.close()
        }
        // Overwrite every page but the first (the header) with garbage.
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: 4096)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: Int(size) - 4096))
        try handle.close()
        try? FileManager.default.removeItem(atPath: path + "-shm")
        let error = storeError {
            let store = try SQLiteEventStore(path: path)
            return try store.readAll(after: 0, limit: 1_000)
        }
        #expect(error?.isDamaged == true)
    }

    // MARK: The file under the store

    @Test func aFileDeletedWhileOpenIsReportedInsteadOfAcknowledgingLostEvents() throws {
        let store = try SQLiteEventStore(path: path)
        try store.append(to: "s", expected: .noStream, events: [event("kept")])
        for suffix in ["", "-wal", "-shm"] { try FileManager.default.removeItem(atPath: path + suffix) }
        let error = storeError { try store.append(to: "s", expected: .exact(1), events: [event("lost")]) }
        #expect(error?.isFileMoved == true)
        #expect(error?.description.contains("deleted or moved") == true)
    }

    @Test func closeEndsTheStoreWithASentenceAndLeavesOtherStoresOnTheFileAlone() throws {
        let store = try SQLiteEventStore(path: path)
        let other = try SQLiteEventStore(path: path)
        try store.append(to: "s", expected: .noStream, events: [event("a")])
        try store.close()
        try store.close()  // twice is fine
        for call in [{ try store.append(to: "s", events: [event("b")]) as Any }, { try store.readStream("s") },
                     { try store.readAll(after: 0, limit: 10) }, { try store.streamState("s") }, { try store.headPosition() },
                     { try store.pendingOutbox(limit: 10) }, { try store.markDelivered(sequences: [1]) }] {
            let error = storeError(call)
            #expect(error?.isClosed == true)
        }
        try other.append(to: "s", expected: .exact(1), events: [event("c")])
        #expect(try other.streamState("s") == .exists(version: 2))
    }

    // MARK: Permissions

    /// The probe child as a user who may not write the folder: `nobody` when the tests run as
    /// root (root ignores permissions), otherwise this user with the folder and files made
    /// read-only.
    func probeWithoutWriteAccess(readOnly: Bool) throws -> [String] {
        let writable = [directory.url.path, path, path + "-wal", path + "-shm"]
        if getuid() != 0 {
            for file in writable where FileManager.default.fileExists(atPath: file) {
                try FileManager.default.setAttributes([.posixPermissions: file == directory.url.path ? 0o555 : 0o444], ofItemAtPath: file)
            }
        }
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.url.path) }
        let child = try StoreCrashChild("probe", path: path, options: (readOnly ? ["read-only"] : []) + ["as-nobody"])
        return child.remainingLines()
    }

    @Test func aUserWhoCannotWriteIsToldToFixPermissionsNotToDropReadOnly() throws {
        do {
            let store = try SQLiteEventStore(path: path)
            try store.append(to: "s", events: [event()])
        }
        let lines = try probeWithoutWriteAccess(readOnly: false)
        let failure = lines.first { $0.hasPrefix("error: ") } ?? "no error in \(lines)"
        #expect(failure.contains("cannot be written"), "\(lines)")
        #expect(failure.contains(path))
        #expect(!failure.contains("open read-only"))
        #expect(!lines.contains("append ok"))
    }

    @Test func aReadOnlyOpenWorksForAUserWhoCannotWriteTheFolderWithNoWriterRunning() throws {
        do {
            let store = try SQLiteEventStore(path: path)
            try store.append(to: "s", events: [event("1"), event("2")])
            try store.close()
        }
        let lines = try probeWithoutWriteAccess(readOnly: true)
        #expect(lines.first == "read 2", "\(lines)")
        #expect(lines.last?.contains("is open read-only") == true, "\(lines)")
    }

    // MARK: A full disk

    /// A 192 KiB file system of our own: a tmpfs in a private mount namespace (`unshare`), so
    /// nothing outside the child sees it and it vanishes with the child. Needs user namespaces
    /// (or root); without them the test cannot create a full disk honestly and is skipped.
    static let tinyFileSystem = ["/usr/bin/unshare", "--map-root-user", "--mount", "/bin/sh", "-c",
                                 #"mount -t tmpfs -o size=192k tmpfs "$(dirname "$3")" && exec "$@""#, "sh"]

    static var canMountTinyFileSystem: Bool {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        probe.arguments = ["--map-root-user", "--mount", "/bin/sh", "-c", "mount -t tmpfs -o size=64k tmpfs /tmp"]
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }

    @Test(.enabled(if: canMountTinyFileSystem, "needs unshare with user namespaces for a tiny file system"))
    func aFullDiskGetsASentenceAndLosesNoAcknowledgedEvent() throws {
        let child = try StoreCrashChild("fill", path: path, launcher: Self.tinyFileSystem)
        let lines = child.remainingLines()
        let acked = lines.first { $0.hasPrefix("acked ") }.flatMap { Int($0.dropFirst(6)) }
        #expect((acked ?? 0) > 0, "\(lines)")
        let failure = lines.first { $0.hasPrefix("error: ") } ?? "no error in \(lines)"
        #expect(failure.contains("is full"), "\(lines)")
        #expect(failure.contains(path))
        #expect(lines.last == "read \(acked ?? -1)", "\(lines)")
    }
}
