import GRDB

/// The tables of a SQLite event store, created by numbered migrations.
///
/// A migration, once released, is never edited: a later change to the schema is a new
/// migration appended to `migrator`, so every existing store file upgrades in order.
enum EventStoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 events, checkpoints, outbox") { db in
            try db.execute(sql: eventsTable(named: "events"))
            try db.execute(sql: checkpointsTable(named: "checkpoints"))
            try db.execute(sql: outboxTable(named: "outbox"))
        }
        migrator.registerMigration("v2 archived streams") { db in
            try db.execute(sql: archivedStreamsTable(named: "archived_streams"))
        }
        return migrator
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
    static func eventsTable(named name: String) -> String {
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
    static func checkpointsTable(named name: String) -> String {
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
    static func outboxTable(named name: String) -> String {
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
