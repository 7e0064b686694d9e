import GRDB

/// The tables of a SQLite event store, created by numbered migrations.
///
/// A migration, once released, is never edited: a later change to the schema is a new
/// migration appended to `migrations`, so every existing store file upgrades in order.
///
/// Which migrations a file has is recorded in `grdb_migrations` (the table GRDB's migrator
/// kept, so files written by earlier versions of the workshop upgrade in place). Unlike GRDB's
/// migrator, `migrate` decides what to run inside the one `BEGIN IMMEDIATE` transaction that
/// runs it: several processes opening a new file at once queue on the write lock, and each
/// finds the work done by the one before it instead of creating the tables a second time.
package enum EventStoreSchema {
    /// Every migration, oldest first: an identifier that starts with its version, and its SQL.
    static let migrations: [(identifier: String, statements: [String])] = [
        ("v1 events, checkpoints, outbox",
         [eventsTable(named: "events"), checkpointsTable(named: "checkpoints"), outboxTable(named: "outbox")]),
        ("v2 archived streams", [archivedStreamsTable(named: "archived_streams")]),
    ]

    /// The tables a store creates: finding one of them in a file with no migration record
    /// means the file belongs to another application.
    static let tableNames = ["events", "checkpoints", "outbox", "archived_streams"]

    /// What a file holds, as far as migrations are concerned.
    enum State: Equatable {
        case current
        /// Some migrations have not run (all of them, for a new file).
        case behind
        /// The file has a migration this code does not know: written by a newer workshop.
        case newer(identifier: String)
        /// No migration record, but a table a store would create: another application's file.
        case foreign(table: String)
    }

    static func state(_ db: Database) throws -> State {
        let applied = try db.tableExists("grdb_migrations")
            ? Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")) : []
        let known = Set(migrations.map(\.identifier))
        if let unknown = applied.subtracting(known).sorted().first { return .newer(identifier: unknown) }
        if applied.isEmpty, let table = try tableNames.first(where: { try db.tableExists($0) }) {
            return .foreign(table: table)
        }
        return applied == known ? .current : .behind
    }

    /// Brings the file at `writer` up to date, all pending migrations in one immediate
    /// transaction (so a failure leaves the file as it was).
    ///
    /// - Throws: `SchemaProblem` for a file this code must not touch.
    static func migrate(_ writer: some DatabaseWriter) throws {
        // Fast path, and the common one: an up-to-date file needs no write lock.
        switch try writer.read({ try state($0) }) {
        case .current: return
        case .newer(let identifier): throw SchemaProblem.newer(identifier: identifier)
        case .foreign(let table): throw SchemaProblem.foreign(table: table)
        case .behind: break
        }
        try writer.writeWithoutTransaction { db in
            try SQLiteEventStore.immediateTransaction(db) { db in
                // Decided again under the write lock: another process may have migrated since.
                switch try state(db) {
                case .current: return
                case .newer(let identifier): throw SchemaProblem.newer(identifier: identifier)
                case .foreign(let table): throw SchemaProblem.foreign(table: table)
                case .behind: break
                }
                try db.execute(sql: "CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
                let applied = Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
                for migration in migrations where !applied.contains(migration.identifier) {
                    for statement in migration.statements { try db.execute(sql: statement) }
                    try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [migration.identifier])
                }
            }
        }
    }

    /// A file the migrations must leave alone; turned into a sentence naming the path by the store.
    enum SchemaProblem: Error, Equatable {
        case newer(identifier: String)
        case foreign(table: String)
        case behind
    }

    /// The event log.
    ///
    /// - `position` is AUTOINCREMENT so a position is never handed out twice, even after the
    ///   newest events are deleted (archiving) or an append rolls back: a reader that stored a
    ///   checkpoint can never later find a different event at or below it. Positions therefore
    ///   have gaps, and readers continue "after the last position seen", never "at +1".
    /// - UNIQUE(stream_id, stream_version) is the optimistic-concurrency guard of last resort,
    ///   and its index serves stream reads and the version check.
    /// - `event_id` is UNIQUE store-wide: what makes a retried append detectable.
    /// - `recorded_at` is seconds since 1970 (REAL): cheap to read back, and
    ///   `datetime(recorded_at, 'unixepoch')` shows it in a SQL shell.
    /// - `metadata` is JSON text (correlation_id, causation_id, headers), readable in a shell.
    ///
    /// This DDL is part of migration v1 (and of the benchmark's baseline, which must use an
    /// identical schema): do not edit it, add a migration.
    package static func eventsTable(named name: String) -> String {
        """
        CREATE TABLE \(name) (
            position INTEGER PRIMARY KEY AUTOINCREMENT,
            stream_id TEXT NOT NULL,
            stream_version INTEGER NOT NULL,
            event_id TEXT NOT NULL UNIQUE,
            event_type TEXT NOT NULL,
            schema_version INTEGER NOT NULL,
            data BLOB NOT NULL,
            metadata TEXT NOT NULL DEFAULT '{}',
            recorded_at REAL NOT NULL,
            UNIQUE (stream_id, stream_version)
        )
        """
    }

    /// One row per projection (or any other consumer of the global log): the last position
    /// it has processed, written in the same transaction as the read-model rows it covers.
    package static func checkpointsTable(named name: String) -> String {
        """
        CREATE TABLE \(name) (
            name TEXT PRIMARY KEY NOT NULL,
            position INTEGER NOT NULL
        )
        """
    }

    /// The transactional outbox: messages written in the same transaction as the events that
    /// caused them, relayed later. `created_position` is the global position of the last event
    /// of that append, to find which events a message came from.
    package static func outboxTable(named name: String) -> String {
        """
        CREATE TABLE \(name) (
            sequence INTEGER PRIMARY KEY AUTOINCREMENT,
            message_id TEXT NOT NULL UNIQUE,
            destination TEXT NOT NULL,
            message_type TEXT NOT NULL,
            payload BLOB NOT NULL,
            headers TEXT NOT NULL DEFAULT '{}',
            attempts INTEGER NOT NULL DEFAULT 0,
            delivered_at REAL,
            created_position INTEGER NOT NULL
        );
        CREATE INDEX \(name)_pending ON \(name) (sequence) WHERE delivered_at IS NULL
        """
    }

    /// One row per stream moved to cold storage by `SQLiteEventStore.archive(streams:to:)`:
    /// what stays in the hot store so that the stream is never started again, its
    /// `streamState` stays right, and a reader knows where to find it.
    ///
    /// `last_position` is the global position of its last event; `cold_store` the path it was
    /// archived into, as given; `archived_at` seconds since 1970 by the store's clock.
    static func archivedStreamsTable(named name: String) -> String {
        """
        CREATE TABLE \(name) (
            stream_id TEXT PRIMARY KEY NOT NULL,
            archived_at REAL NOT NULL,
            last_version INTEGER NOT NULL,
            last_position INTEGER NOT NULL,
            event_count INTEGER NOT NULL,
            cold_store TEXT NOT NULL
        ) WITHOUT ROWID
        """
    }
}
