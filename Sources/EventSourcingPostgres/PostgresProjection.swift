#if Postgres
import EventSourcing
import Foundation
import PostgresNIO

/// A connection inside one transaction of a projection: what its handlers write the read
/// model with. Values go in as bind parameters (`"... WHERE id = \(id)"` binds `id`).
public struct PostgresTransaction {
    let connection: PostgresConnection

    /// Runs a statement and returns its rows.
    @discardableResult
    public func query(_ query: PostgresQuery) throws -> [PostgresRow] {
        try BlockingConnections.run(query, on: connection).rows
    }
}

/// A projection whose read model lives in tables of the store's own database (and schema),
/// with its checkpoint written in the same transaction as the rows it covers, like
/// `SQLiteProjection`.
///
/// ```swift
/// let openStays = try PostgresProjection(
///     name: "open_stays", store: store, handles: ["GuestCheckedIn", "GuestCheckedOut"],
///     setUp: { try $0.query("CREATE TABLE IF NOT EXISTS open_stays (stay_id text PRIMARY KEY)") },
///     apply: { tx, event in ... },
///     reset: { try $0.query("DELETE FROM open_stays") })
/// try ProjectionRunner(store: store).catchUp(openStays)
/// ```
///
/// At-least-once delivery is safe: the stored checkpoint is locked (`FOR UPDATE`) for the
/// batch, events at or below it are skipped, and a handler that throws rolls back the batch
/// with its checkpoint. Two runners feeding one projection take turns on that lock.
public final class PostgresProjection: Projection {
    public let name: String
    public let handledEventTypes: Set<String>
    private let store: PostgresEventStore
    private let handler: @Sendable (PostgresTransaction, RecordedEvent) throws -> Void
    private let resetReadModel: @Sendable (PostgresTransaction) throws -> Void

    public init(
        name: String, store: PostgresEventStore, handles: Set<String>,
        setUp: @escaping @Sendable (PostgresTransaction) throws -> Void = { _ in },
        apply: @escaping @Sendable (PostgresTransaction, RecordedEvent) throws -> Void,
        reset: @escaping @Sendable (PostgresTransaction) throws -> Void
    ) throws {
        self.name = name
        self.store = store
        handledEventTypes = handles
        handler = apply
        resetReadModel = reset
        try transaction("setting up projection '\(name)'") { try setUp($0) }
    }

    public func checkpoint() throws -> Int64 {
        try store.scalar("SELECT position FROM checkpoints WHERE name = \(name)", as: Int64.self,
                         during: "reading the checkpoint of projection '\(name)'") ?? 0
    }

    public func apply(_ events: [RecordedEvent], checkpoint: Int64) throws {
        guard checkpoint > (try self.checkpoint()) else { return }
        try transaction("applying a batch to projection '\(name)'") { tx in
            try tx.query("INSERT INTO checkpoints (name, position) VALUES (\(name), 0) ON CONFLICT (name) DO NOTHING")
            let stored = try tx.query("SELECT position FROM checkpoints WHERE name = \(name) FOR UPDATE")
                .first.map { try $0.decode(Int64.self) } ?? 0
            guard checkpoint > stored else { return }
            for event in events where event.position > stored {
                try handler(tx, event)
            }
            try tx.query("UPDATE checkpoints SET position = \(checkpoint) WHERE name = \(name)")
        }
    }

    public func reset() throws {
        try transaction("resetting projection '\(name)'") { tx in
            try resetReadModel(tx)
            try tx.query("DELETE FROM checkpoints WHERE name = \(name)")
        }
    }

    private func transaction(_ operation: String, _ body: (PostgresTransaction) throws -> Void) throws {
        do {
            try store.connections.inTransaction { try body(PostgresTransaction(connection: $0)) }
        } catch let error as PSQLError {
            throw PostgresEventStoreError.translating(error, target: store.url.redacted, during: operation)
        }
    }
}
#endif
