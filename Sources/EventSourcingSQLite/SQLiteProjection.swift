import EventSourcing
import Foundation
import GRDB

/// A projection whose read model lives in tables of the event store's own SQLite file, with
/// its checkpoint written in the same transaction as the rows it covers.
///
/// ```swift
/// let openStays = try SQLiteProjection(
///     name: "open_stays", store: store, handles: ["GuestCheckedIn", "GuestCheckedOut"],
///     setUp: { db in try db.execute(sql: "CREATE TABLE IF NOT EXISTS open_stays (stay_id TEXT PRIMARY KEY)") },
///     apply: { db, event in ... },                      // runs inside the batch's transaction
///     reset: { db in try db.execute(sql: "DELETE FROM open_stays") })
/// try ProjectionRunner(store: store).catchUp(openStays)
/// let count = try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM open_stays") }
/// ```
///
/// At-least-once delivery is safe: a batch whose checkpoint is not beyond the stored one
/// changes nothing, events at or below the stored checkpoint are skipped, and a handler that
/// throws rolls back the whole batch with its checkpoint, so the batch is simply delivered again.
///
/// `Decoded` is what the handler works on. Decoding (JSON, upcasting) is pure, so it runs
/// before the write transaction, spread over the cores for large batches: the write lock is
/// held only for the SQL the handler runs.
public final class SQLiteProjection<Decoded: Sendable>: Projection {
    public let name: String
    public let handledEventTypes: Set<String>
    private let store: SQLiteEventStore
    private let decode: @Sendable (RecordedEvent) throws -> Decoded
    private let handler: @Sendable (Database, Decoded) throws -> Void
    private let resetReadModel: @Sendable (Database) throws -> Void

    /// Batches at least this large are decoded on several threads.
    public let parallelDecodingThreshold: Int

    /// - Parameters:
    ///   - setUp: creates the read model's tables (`CREATE TABLE IF NOT EXISTS`); runs now, in
    ///     its own transaction.
    ///   - decode: turns a stored event into what `apply` needs; may run on any thread.
    ///   - apply: writes one event into the read model, inside the batch's transaction.
    ///   - reset: empties the read model for a rebuild; the checkpoint is zeroed with it.
    ///   - parallelDecodingThreshold: batches at least this large are decoded on all cores.
    public init(
        name: String, store: SQLiteEventStore, handles: Set<String>,
        setUp: @escaping @Sendable (Database) throws -> Void = { _ in },
        decode: @escaping @Sendable (RecordedEvent) throws -> Decoded,
        apply: @escaping @Sendable (Database, Decoded) throws -> Void,
        reset: @escaping @Sendable (Database) throws -> Void,
        parallelDecodingThreshold: Int = 256
    ) throws {
        self.name = name
        self.parallelDecodingThreshold = parallelDecodingThreshold
        self.store = store
        handledEventTypes = handles
        self.decode = decode
        handler = apply
        resetReadModel = reset
        do {
            try store.writeImmediately(setUp)
        } catch {
            throw store.translated(error)
        }
    }

    public func checkpoint() throws -> Int64 {
        try store.read { try Self.storedCheckpoint($0, name) }
    }

    /// Applies `events` and moves the checkpoint to `checkpoint` in one transaction.
    ///
    /// The checkpoint moves by compare-and-set: only from the value read at the start of the
    /// transaction, and only forwards. A batch at or below the stored checkpoint is a no-op.
    public func apply(_ events: [RecordedEvent], checkpoint: Int64) throws {
        // A cheap look outside the lock first, so redelivered batches cost no decoding.
        guard checkpoint > (try self.checkpoint()) else { return }
        let decoded = try decodeAll(events)
        do {
            try store.writeImmediately { db in
                let stored = try Self.storedCheckpoint(db, name)
                guard checkpoint > stored else { return }
                for (event, value) in zip(events, decoded) where event.position > stored {
                    try handler(db, value)
                }
                try db.execute(
                    sql: """
                        INSERT INTO checkpoints (name, position) VALUES (?, ?)
                        ON CONFLICT (name) DO UPDATE SET position = excluded.position
                        WHERE checkpoints.position = ? AND excluded.position > checkpoints.position
                        """,
                    arguments: [name, checkpoint, stored])
                guard db.changesCount == 1 else {
                    throw SQLiteEventStoreError.projectionCheckpointMoved(path: store.path, name: name, expected: stored)
                }
            }
        } catch {
            throw store.translated(error)
        }
    }

    public func reset() throws {
        do {
            try store.writeImmediately { db in
                try resetReadModel(db)
                try db.execute(sql: "DELETE FROM checkpoints WHERE name = ?", arguments: [name])
            }
        } catch {
            throw store.translated(error)
        }
    }

    private static func storedCheckpoint(_ db: Database, _ name: String) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT position FROM checkpoints WHERE name = ?", arguments: [name]) ?? 0
    }

    /// Decodes in order; large batches in chunks on all cores. The first failure (in event
    /// order) is thrown, so the error is the same whichever thread met it.
    private func decodeAll(_ events: [RecordedEvent]) throws -> [Decoded] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard events.count >= parallelDecodingThreshold, cores > 1 else { return try events.map(decode) }
        // More chunks than cores: concurrentPerform hands chunks out as threads free up, so
        // when a worker thread starts late (a busy machine) the calling thread takes its share
        // instead of waiting for it.
        let chunkCount = min(cores * 8, events.count)
        let chunkSize = (events.count + chunkCount - 1) / chunkCount
        let results = ChunkResults<Decoded>(count: chunkCount)
        let decode = self.decode
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            let range = (chunk * chunkSize)..<min(events.count, (chunk + 1) * chunkSize)
            results.store(Result(catching: { try events[range].map(decode) }), at: chunk)
        }
        return try results.joined()
    }
}

extension SQLiteProjection where Decoded == RecordedEvent {
    /// A projection whose handler works on the stored events directly.
    public convenience init(
        name: String, store: SQLiteEventStore, handles: Set<String>,
        setUp: @escaping @Sendable (Database) throws -> Void = { _ in },
        apply: @escaping @Sendable (Database, RecordedEvent) throws -> Void,
        reset: @escaping @Sendable (Database) throws -> Void
    ) throws {
        try self.init(name: name, store: store, handles: handles, setUp: setUp, decode: { $0 }, apply: apply, reset: reset)
    }
}

/// One slot per chunk, each written by exactly one worker.
private final class ChunkResults<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `concurrentPerform` gives every chunk its own index, slots are written once
    // each under the lock, and read only after every worker has returned.
    private var slots: [Result<[Value], any Error>]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: .success([]), count: count) }

    func store(_ result: Result<[Value], any Error>, at index: Int) {
        lock.withLock { slots[index] = result }
    }

    func joined() throws -> [Value] {
        var values: [Value] = []
        for slot in lock.withLock({ slots }) {
            values += try slot.get()
        }
        return values
    }
}
