import EventSourcing
import Foundation
import GRDB

/// A stream moved out of the hot log into a cold store, as the hot store remembers it.
public struct ArchivedStream: Sendable, Hashable {
    public let streamID: String
    /// When it was archived, by the store's clock.
    public let archivedAt: Date
    /// The version of its last event: the stream can never be appended to again.
    public let lastVersion: Int64
    /// The global position of its last event.
    public let lastPosition: Int64
    /// How many events were moved.
    public let eventCount: Int64
    /// The cold store file it was archived into, as given to `archive(streams:to:)`.
    public let coldStorePath: String

    public init(streamID: String, archivedAt: Date, lastVersion: Int64, lastPosition: Int64, eventCount: Int64, coldStorePath: String) {
        self.streamID = streamID
        self.archivedAt = archivedAt
        self.lastVersion = lastVersion
        self.lastPosition = lastPosition
        self.eventCount = eventCount
        self.coldStorePath = coldStorePath
    }
}

/// What one call of `SQLiteEventStore.archive(streams:to:)` did.
public struct ArchiveResult: Sendable, Hashable {
    /// The streams moved by this call, in the order they were asked for.
    public var archived: [ArchivedStream] = []
    /// Streams archived before: left as they were (archiving is idempotent).
    public var alreadyArchived: [String] = []
    /// Streams with no events and no archive record: nothing to move.
    public var notFound: [String] = []
    /// Streams someone kept appending to while they were being archived: still hot, try again.
    public var changedDuringArchive: [String] = []

    public init() {}

    /// The number of events that left the hot log.
    public var eventsMoved: Int64 { archived.reduce(0) { $0 + $1.eventCount } }
}

extension SQLiteEventStore {
    /// Moves whole streams out of the hot log into a cold store: another SQLite file with the
    /// same schema (it is itself an event store file), keeping every event's position, version,
    /// id, type, payload, metadata and recorded time.
    ///
    /// Afterwards the hot log no longer holds them: `readAll`, and so every projection, skips
    /// them (their positions become gaps, which readers already tolerate); `readStream` returns
    /// nothing; `streamState` says `.exists` at the last version and `isArchived` says true;
    /// appending to them throws `SQLiteEventStoreError` (`isStreamArchived`). Their events stay
    /// readable on request with `readArchivedStream(_:)`. A row per stream in `archived_streams`
    /// records what was moved. `headPosition` does not move back: positions are never reused.
    ///
    /// Idempotent: a stream archived before is reported in `alreadyArchived` and left alone.
    ///
    /// ```swift
    /// let result = try store.archive(streams: closedStays, to: ".workshop/cold-2025.sqlite")
    /// print("moved \(result.eventsMoved) events")
    /// ```
    ///
    /// Crash safety. The copy and the delete are two transactions on the writer connection, with
    /// the cold file ATTACHed, both `BEGIN IMMEDIATE`: first copy into the cold store (synced
    /// with synchronous FULL), then, after checking that the cold store holds every hot event
    /// of the stream, delete them from the hot log and record the archive. One transaction
    /// spanning both files would not be safer: with the main database in WAL mode, SQLite
    /// commits attached databases one by one, not atomically as a set, and it commits the main
    /// one first, so a crash in between could lose the events from both. In this order a crash
    /// leaves at worst a copy in the cold store of events still hot; archiving again skips the
    /// rows already copied and completes. A stream appended to between the two steps is caught
    /// by the check and left hot (`changedDuringArchive`), after one more try.
    ///
    /// - Throws: `SQLiteEventStoreError` when the cold store is this store's own file, when it
    ///   holds other events at these positions (it belongs to another store), or when a store
    ///   is locked; GRDB's `DatabaseError` when the cold file cannot be opened. Nothing of a
    ///   stream is deleted unless its copy is complete.
    @discardableResult
    public func archive(streams: [String], to coldStorePath: String) throws -> ArchiveResult {
        try archive(streams: streams, to: coldStorePath, afterCopy: {})
    }

    /// `archive(streams:to:)` with a hook between the copy and the delete, where tests simulate
    /// a crash.
    func archive(streams: [String], to coldStorePath: String, afterCopy: () throws -> Void) throws -> ArchiveResult {
        let hot = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        let cold = URL(fileURLWithPath: coldStorePath).standardizedFileURL.resolvingSymlinksInPath()
        guard hot.path != cold.path else { throw SQLiteEventStoreError.coldStoreIsHotStore(path: path) }
        var seen = Set<String>()
        let requested = streams.filter { seen.insert($0).inserted }
        let archivedAt = configuration.clock().timeIntervalSince1970
        do {
            // The cold file becomes a store of its own (the same migrations), so it can be
            // opened, inspected and backed up like any other.
            try Self.prepareColdStore(at: coldStorePath)
            return try writer { db in
                // A previous archive that failed to detach would make ATTACH fail: detach first.
                if try Row.fetchAll(db, sql: "PRAGMA database_list").contains(where: { $0["name"] == "cold" }) {
                    try db.execute(sql: "DETACH DATABASE cold")
                }
                try db.execute(sql: "ATTACH DATABASE ? AS cold", arguments: [coldStorePath])
                defer { try? db.execute(sql: "DETACH DATABASE cold") }
                // The copy must be on the disk before the hot delete commits.
                try db.execute(sql: "PRAGMA cold.synchronous = FULL")
                var result = ArchiveResult()
                var pending = requested
                for attempt in 1...2 {
                    try Self.immediateTransaction(db) { db in try Self.copyToCold(db, pending) }
                    try afterCopy()
                    let round = try Self.immediateTransaction(db) { db in
                        try Self.deleteCopied(db, pending, coldStorePath: coldStorePath, archivedAt: archivedAt, hotPath: path)
                    }
                    result.archived += round.archived
                    result.alreadyArchived += round.alreadyArchived
                    result.notFound += round.notFound
                    pending = round.changedDuringArchive
                    if pending.isEmpty { break }
                    if attempt == 2 { result.changedDuringArchive = pending }
                }
                // Report in the order asked, whatever round each stream finished in.
                let order = Dictionary(uniqueKeysWithValues: requested.enumerated().map { ($1, $0) })
                result.archived.sort { order[$0.streamID, default: 0] < order[$1.streamID, default: 0] }
                result.alreadyArchived.sort { order[$0, default: 0] < order[$1, default: 0] }
                result.notFound.sort { order[$0, default: 0] < order[$1, default: 0] }
                return result
            }
        } catch {
            throw translated(error)
        }
    }

    /// Creates the cold store's tables (or upgrades them), in a connection of its own: ATTACH
    /// cannot run migrations.
    private static func prepareColdStore(at coldStorePath: String) throws {
        var configuration = GRDB.Configuration()
        configuration.label = "ColdStore"
        configuration.busyMode = .timeout(5)
        let queue = try DatabaseQueue(path: coldStorePath, configuration: configuration)
        try EventStoreSchema.migrate(queue)
        try queue.close()
    }

    /// Step one: copy the streams' hot events into the cold store, as they are. Rows already
    /// there (from an earlier attempt that crashed before its delete) are skipped.
    private static func copyToCold(_ db: Database, _ streams: [String]) throws {
        // Not a cached statement: it names the attached database, which is detached after.
        let copy = try db.makeStatement(sql: """
            INSERT INTO cold.events (\(eventColumns))
            SELECT \(eventColumns) FROM main.events WHERE stream_id = ? ORDER BY position
            ON CONFLICT DO NOTHING
            """)
        for streamID in streams {
            try copy.execute(arguments: [streamID])
        }
    }

    /// Step two: for every stream whose hot events are all in the cold store, identical, delete
    /// them from the hot log and record the archive.
    private static func deleteCopied(
        _ db: Database, _ streams: [String], coldStorePath: String, archivedAt: Double, hotPath: String
    ) throws -> ArchiveResult {
        var result = ArchiveResult()
        for streamID in streams {
            let hot = try Row.fetchOne(db, sql: """
                SELECT count(*) AS events, max(stream_version) AS version, max(position) AS position
                FROM main.events WHERE stream_id = ?
                """, arguments: [streamID])
            let count: Int64 = hot?["events"] ?? 0
            guard count > 0, let lastVersion: Int64 = hot?["version"], let lastPosition: Int64 = hot?["position"] else {
                if try archivedStream(db, streamID) != nil {
                    result.alreadyArchived.append(streamID)
                } else {
                    result.notFound.append(streamID)
                }
                continue
            }
            let copied = try Int64.fetchOne(db, sql: """
                SELECT count(*) FROM main.events h JOIN cold.events c ON c.position = h.position
                WHERE h.stream_id = ? AND c.event_id = h.event_id AND c.stream_id = h.stream_id
                  AND c.stream_version = h.stream_version
                """, arguments: [streamID]) ?? 0
            guard copied == count else {
                // Either an append landed between the copy and now (try again), or the cold file
                // holds different events at these positions: another store's archive.
                let foreign = try Int64.fetchOne(db, sql: """
                    SELECT count(*) FROM main.events h JOIN cold.events c
                      ON c.position = h.position OR c.event_id = h.event_id
                      OR (c.stream_id = h.stream_id AND c.stream_version = h.stream_version)
                    WHERE h.stream_id = ?
                      AND NOT (c.position = h.position AND c.event_id = h.event_id
                               AND c.stream_id = h.stream_id AND c.stream_version = h.stream_version)
                    """, arguments: [streamID]) ?? 0
                if foreign > 0 {
                    throw SQLiteEventStoreError.coldStoreMismatch(path: hotPath, coldPath: coldStorePath, streamID: streamID)
                }
                result.changedDuringArchive.append(streamID)
                continue
            }
            try db.execute(sql: """
                INSERT INTO main.archived_streams (stream_id, archived_at, last_version, last_position, event_count, cold_store)
                VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [streamID, archivedAt, lastVersion, lastPosition, count, coldStorePath])
            try db.execute(sql: "DELETE FROM main.events WHERE stream_id = ?", arguments: [streamID])
            result.archived.append(ArchivedStream(
                streamID: streamID, archivedAt: Date(timeIntervalSince1970: archivedAt), lastVersion: lastVersion,
                lastPosition: lastPosition, eventCount: count, coldStorePath: coldStorePath))
        }
        return result
    }

    private static let archivedStreamColumns =
        "stream_id, archived_at, last_version, last_position, event_count, cold_store"

    /// The archive record of a stream, nil when it is not archived. A read-only store opened on
    /// a file from before archiving existed has no such table: nothing is archived there.
    static func archivedStream(_ db: Database, _ streamID: String) throws -> ArchivedStream? {
        let statement: Statement
        do {
            statement = try db.cachedStatement(sql: """
                SELECT \(archivedStreamColumns) FROM main.archived_streams WHERE stream_id = ?
                """)
        } catch let error as DatabaseError where (error.message ?? "").contains("no such table") {
            return nil
        }
        return try Row.fetchOne(statement, arguments: [streamID]).map(archivedStream)
    }

    /// Decodes an `archived_streams` row without trusting its types: GRDB's typed accessors
    /// would stop the process on a row edited by hand.
    private static func archivedStream(_ row: Row) throws -> ArchivedStream {
        let values = (0..<6).map { row[$0] as DatabaseValue }
        guard let streamID = String.fromDatabaseValue(values[0]),
              let archivedAt = Double.fromDatabaseValue(values[1]),
              let lastVersion = Int64.fromDatabaseValue(values[2]),
              let lastPosition = Int64.fromDatabaseValue(values[3]),
              let eventCount = Int64.fromDatabaseValue(values[4]),
              let coldStorePath = String.fromDatabaseValue(values[5])
        else {
            throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: """
                a row of archived_streams (stream \(String.fromDatabaseValue(values[0]) ?? "?")) holds the wrong types; \
                fix or delete it by hand
                """)
        }
        return ArchivedStream(
            streamID: streamID, archivedAt: Date(timeIntervalSince1970: archivedAt), lastVersion: lastVersion,
            lastPosition: lastPosition, eventCount: eventCount, coldStorePath: coldStorePath)
    }

    /// Whether the stream has been moved to cold storage.
    public func isArchived(_ streamID: String) throws -> Bool {
        try archivedStream(streamID) != nil
    }

    /// The archive record of a stream, nil when it is not archived.
    public func archivedStream(_ streamID: String) throws -> ArchivedStream? {
        try read { db in try Self.archivedStream(db, streamID) }
    }

    /// Every archived stream, in the order of their last events in the global log.
    public func archivedStreams() throws -> [ArchivedStream] {
        try read { db in
            guard try db.tableExists("archived_streams") else { return [] }
            return try Row.fetchAll(db, sql: """
                SELECT \(Self.archivedStreamColumns) FROM archived_streams ORDER BY last_position, stream_id
                """).map(Self.archivedStream)
        }
    }

    /// The events of an archived stream, oldest first, read from its cold store: the same
    /// events, positions and metadata it had in the hot log. Empty when the stream is not
    /// archived. `coldStorePath` overrides the path recorded at archive time (the cold file
    /// may have been moved since).
    ///
    /// - Throws: `UnreadableEvent` for a damaged row; GRDB's `DatabaseError` when the cold
    ///   file cannot be opened.
    public func readArchivedStream(_ streamID: String, coldStorePath: String? = nil) throws -> [RecordedEvent] {
        guard let archived = try archivedStream(streamID) else { return [] }
        let coldPath = coldStorePath ?? archived.coldStorePath
        var configuration = GRDB.Configuration()
        configuration.readonly = true
        configuration.label = "ColdStoreReader"
        do {
            let queue = try DatabaseQueue(path: coldPath, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db in
                var events: [RecordedEvent] = []
                // Only up to the version recorded: whatever else the cold file holds is not
                // part of this archive.
                try db.makeStatement(sql: """
                    SELECT \(Self.eventColumns) FROM events WHERE stream_id = ? AND stream_version <= ?
                    ORDER BY stream_version
                    """).forEachRow(arguments: [streamID, archived.lastVersion]) { columns in
                    events.append(try Self.recordedEvent(columns, streamID: streamID))
                    return true
                }
                return events
            }
        } catch {
            throw translated(error)
        }
    }
}
