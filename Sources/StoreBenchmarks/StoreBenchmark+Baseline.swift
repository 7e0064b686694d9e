import EventSourcing
import EventSourcingSQLite
import Foundation
import GRDBSQLite

/// The benchmark's two hand-written sides: what a careful programmer writes with sqlite3
/// alone. Prepared statements reused for the whole run, payloads encoded before timing, rows
/// read into plain values without parsing ids or metadata. Each does the same work as the store
/// where the store must (the version check under `BEGIN IMMEDIATE`, a checkpoint per batch),
/// and nothing else.
///
/// - `.baseline` uses the store's own schema (through the same DDL): the ratio says what the
///   store's code costs.
/// - `.limit` uses the smallest schema that keeps the store's promises: versions unique per
///   stream (the (stream, version) key), idempotent appends (a unique index on event ids, kept
///   as 16 bytes), a global order whose positions are never reused (AUTOINCREMENT), the same
///   columns. The ratio says how far the store is from what SQLite can do on this machine.
final class BaselineStore {
    enum Side: String {
        case baseline
        case limit

        /// The events table; everything else the side owns is prefixed the same way.
        func eventsTable() -> String {
            switch self {
            case .baseline: EventStoreSchema.eventsTable(named: "baseline_events")
            case .limit:
                """
                CREATE TABLE limit_events (
                    position INTEGER PRIMARY KEY AUTOINCREMENT,
                    stream_id TEXT NOT NULL,
                    stream_version INTEGER NOT NULL,
                    event_id BLOB NOT NULL,
                    event_type TEXT NOT NULL,
                    schema_version INTEGER NOT NULL,
                    data BLOB NOT NULL,
                    metadata TEXT NOT NULL,
                    recorded_at REAL NOT NULL,
                    UNIQUE (stream_id, stream_version)
                );
                CREATE UNIQUE INDEX limit_events_event_id ON limit_events (event_id)
                """
            }
        }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// A row as the baseline reads it: columns copied, nothing parsed.
    struct RawEvent {
        let position: Int64
        let streamID: String
        let streamVersion: Int64
        let eventID: String
        let eventType: String
        let schemaVersion: Int64
        let data: Data
        let metadata: String
        let recordedAt: Double
    }

    private let db: OpaquePointer
    private var statements: [String: OpaquePointer] = [:]
    private let decoder = JSONDecoder()

    private let side: Side
    private let eventsTable: String, checkpoints: String, totals: String

    init(path: String, durability: SQLiteEventStore.Durability, side: Side = .baseline) throws {
        self.side = side
        eventsTable = "\(side.rawValue)_events"
        checkpoints = "\(side.rawValue)_checkpoints"
        totals = "\(side.rawValue)_totals"
        var handle: OpaquePointer?
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK, let handle else {
            throw Failure(description: "baseline: cannot open \(path)")
        }
        db = handle
        sqlite3_busy_timeout(db, 5_000)
        try execute("PRAGMA journal_mode = WAL")
        try execute("PRAGMA synchronous = \(durability.pragmaValue)")
        try execute(side.eventsTable())
        try execute(EventStoreSchema.checkpointsTable(named: checkpoints))
        try execute(BenchFixture.totalsTable(named: totals))
    }

    deinit {
        for statement in statements.values { sqlite3_finalize(statement) }
        sqlite3_close_v2(db)
    }

    private var message: String { String(cString: sqlite3_errmsg(db)) }

    private func execute(_ sql: String) throws {
        guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else { throw Failure(description: "baseline: \(message)") }
    }

    /// A prepared statement, prepared once per SQL text, reset and unbound for reuse.
    private func statement(_ sql: String) throws -> OpaquePointer {
        if let statement = statements[sql] {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
            return statement
        }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw Failure(description: "\(side.rawValue): \(message) in \(sql)")
        }
        statements[sql] = statement
        return statement
    }

    private func run(_ statement: OpaquePointer) throws {
        let code = sqlite3_step(statement)
        guard code == SQLITE_DONE || code == SQLITE_ROW else { throw Failure(description: "baseline: \(message)") }
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private func bind(_ statement: OpaquePointer, _ index: Int32, _ text: String) {
        sqlite3_bind_text(statement, index, text, -1, Self.transient)
    }

    private func bind(_ statement: OpaquePointer, _ index: Int32, _ data: Data) {
        data.withUnsafeBytes { bytes in
            _ = sqlite3_bind_blob(statement, index, bytes.baseAddress, Int32(bytes.count), Self.transient)
        }
    }

    private static func text(_ statement: OpaquePointer, _ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(statement, column) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(statement, column))), as: UTF8.self)
    }

    private static func raw(_ statement: OpaquePointer) -> RawEvent {
        let data: Data
        if let blob = sqlite3_column_blob(statement, 6) {
            data = Data(bytes: blob, count: Int(sqlite3_column_bytes(statement, 6)))
        } else {
            data = Data()
        }
        return RawEvent(
            position: sqlite3_column_int64(statement, 0), streamID: text(statement, 1),
            streamVersion: sqlite3_column_int64(statement, 2), eventID: text(statement, 3), eventType: text(statement, 4),
            schemaVersion: sqlite3_column_int64(statement, 5), data: data, metadata: text(statement, 7),
            recordedAt: sqlite3_column_double(statement, 8))
    }

    // MARK: Operations

    func append(to streamID: String, expectedVersion: Int64, events: [BenchFixture.PreEncoded]) throws {
        try run(try statement("BEGIN IMMEDIATE"))
        do {
            let version = try statement("SELECT stream_version FROM \(eventsTable) WHERE stream_id = ? ORDER BY stream_version DESC LIMIT 1")
            bind(version, 1, streamID)
            let current = sqlite3_step(version) == SQLITE_ROW ? sqlite3_column_int64(version, 0) : 0
            sqlite3_reset(version)
            guard current == expectedVersion else {
                throw Failure(description: "baseline: stream \(streamID) at \(current), expected \(expectedVersion)")
            }
            let insert = try statement("""
                INSERT INTO \(eventsTable) (stream_id, stream_version, event_id, event_type, schema_version, data, metadata, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let now = Date().timeIntervalSince1970
            for (offset, event) in events.enumerated() {
                sqlite3_reset(insert)
                bind(insert, 1, streamID)
                sqlite3_bind_int64(insert, 2, current + Int64(offset) + 1)
                switch side {
                case .baseline: bind(insert, 3, event.eventID)
                case .limit:
                    withUnsafeBytes(of: event.data.eventID.uuid) { id in
                        _ = sqlite3_bind_blob(insert, 3, id.baseAddress, 16, Self.transient)
                    }
                }
                bind(insert, 4, event.data.eventType)
                sqlite3_bind_int64(insert, 5, Int64(event.data.schemaVersion))
                bind(insert, 6, event.data.data)
                bind(insert, 7, event.metadata)
                sqlite3_bind_double(insert, 8, now)
                try run(insert)
            }
            try run(try statement("COMMIT"))
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    func readStream(_ streamID: String) throws -> [RawEvent] {
        let select = try statement("""
            SELECT position, stream_id, stream_version, event_id, event_type, schema_version, data, metadata, recorded_at
            FROM \(eventsTable) WHERE stream_id = ? AND stream_version >= ? ORDER BY stream_version LIMIT ?
            """)
        bind(select, 1, streamID)
        sqlite3_bind_int64(select, 2, 1)
        sqlite3_bind_int64(select, 3, Int64.max)
        var events: [RawEvent] = []
        while sqlite3_step(select) == SQLITE_ROW { events.append(Self.raw(select)) }
        return events
    }

    private func page(after position: Int64, limit: Int) throws -> [RawEvent] {
        let select = try statement("""
            SELECT position, stream_id, stream_version, event_id, event_type, schema_version, data, metadata, recorded_at
            FROM \(eventsTable) WHERE position > ? ORDER BY position LIMIT ?
            """)
        sqlite3_bind_int64(select, 1, position)
        sqlite3_bind_int64(select, 2, Int64(limit))
        var events: [RawEvent] = []
        events.reserveCapacity(limit)
        while sqlite3_step(select) == SQLITE_ROW { events.append(Self.raw(select)) }
        sqlite3_reset(select)
        return events
    }

    /// Reads the whole log page by page, decoding every payload; returns the count.
    func readAllDecoded(pageSize: Int) throws -> Int {
        var read = 0
        var after: Int64 = 0
        while true {
            let events = try page(after: after, limit: pageSize)
            guard let last = events.last else { return read }
            for event in events { _ = try decoder.decode(BenchFixture.ChargeRecorded.self, from: event.data) }
            read += events.count
            after = last.position
        }
    }

    /// Empties the totals and rebuilds them, a transaction and a checkpoint per page.
    func rebuildTotals(pageSize: Int) throws -> Int {
        try execute("BEGIN IMMEDIATE; DELETE FROM \(totals); DELETE FROM \(checkpoints) WHERE name = 'totals'; COMMIT")
        var read = 0
        var after: Int64 = 0
        while true {
            let events = try page(after: after, limit: pageSize)
            guard let last = events.last else { return read }
            let charges = try events.map { try decoder.decode(BenchFixture.ChargeRecorded.self, from: $0.data) }
            try run(try statement("BEGIN IMMEDIATE"))
            do {
                let upsert = try statement(BenchFixture.upsertTotal(into: totals))
                for (event, charge) in zip(events, charges) {
                    sqlite3_reset(upsert)
                    bind(upsert, 1, event.streamID)
                    sqlite3_bind_int64(upsert, 2, Int64(charge.amount))
                    try run(upsert)
                }
                let checkpoint = try statement("INSERT OR REPLACE INTO \(checkpoints) (name, position) VALUES ('totals', ?)")
                sqlite3_bind_int64(checkpoint, 1, last.position)
                try run(checkpoint)
                try run(try statement("COMMIT"))
            } catch {
                try? execute("ROLLBACK")
                throw error
            }
            read += events.count
            after = last.position
        }
    }
}
