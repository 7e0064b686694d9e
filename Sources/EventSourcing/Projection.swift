import Foundation
import Synchronization

/// A read model kept up to date from the global log.
///
/// A projection stores its read-model changes and its checkpoint (the last global position it
/// processed) in one atomic step, so a crash can never leave one without the other. Events
/// delivered again (at-least-once delivery) arrive with a checkpoint not beyond the stored one
/// and must change nothing.
public protocol Projection: Sendable {
    /// A stable name, used as the checkpoint's key.
    var name: String { get }
    /// The stored event type names this projection reads; the runner skips the others but still
    /// moves the checkpoint past them.
    var handledEventTypes: Set<String> { get }
    /// The last global position processed, 0 before the first.
    func checkpoint() throws -> Int64
    /// Applies `events` (already filtered to the handled types) and moves the checkpoint to
    /// `checkpoint`, atomically. Does nothing when `checkpoint` is not beyond the stored one.
    func apply(_ events: [RecordedEvent], checkpoint: Int64) throws
    /// Drops the read model and the checkpoint, for a rebuild from zero.
    func reset() throws
}

/// Feeds a projection from the global log in batches, starting after its checkpoint.
public struct ProjectionRunner: Sendable {
    public let store: any EventStore
    public let batchSize: Int

    public init(store: any EventStore, batchSize: Int = 500) {
        self.store = store
        self.batchSize = max(1, batchSize)
    }

    /// What one catch-up did.
    public struct Progress: Sendable, Hashable {
        public var batches = 0
        public var eventsRead = 0
        public var eventsApplied = 0
        public var checkpoint: Int64 = 0
    }

    /// Processes every event after the projection's checkpoint, up to the log's current end.
    @discardableResult
    public func catchUp(_ projection: any Projection, onBatch: (Progress) -> Void = { _ in }) throws -> Progress {
        var progress = Progress(checkpoint: try projection.checkpoint())
        let handled = projection.handledEventTypes
        while true {
            let batch = try store.readAll(after: progress.checkpoint, limit: batchSize)
            guard let last = batch.last else { return progress }
            let relevant = batch.filter { handled.contains($0.eventType) }
            try projection.apply(relevant, checkpoint: last.position)
            progress.batches += 1
            progress.eventsRead += batch.count
            progress.eventsApplied += relevant.count
            progress.checkpoint = last.position
            onBatch(progress)
        }
    }

    /// Drops the read model and replays the whole log into it.
    @discardableResult
    public func rebuild(_ projection: any Projection, onBatch: (Progress) -> Void = { _ in }) throws -> Progress {
        try projection.reset()
        return try catchUp(projection, onBatch: onBatch)
    }
}

/// A projection whose read model is a value in memory, for tests, exercises and small tools.
///
/// ```swift
/// let folios = InMemoryProjection(name: "open_folios", handles: ["GuestCheckedIn", "GuestCheckedOut"],
///                                 initial: [String: Folio]()) { folios, event in ... }
/// ```
public final class InMemoryProjection<ReadModel: Sendable>: Projection {
    public let name: String
    public let handledEventTypes: Set<String>
    private let initial: ReadModel
    private let evolve: @Sendable (inout ReadModel, RecordedEvent) throws -> Void
    private let state: Mutex<(readModel: ReadModel, checkpoint: Int64)>

    public init(
        name: String, handles: Set<String>, initial: ReadModel,
        apply: @escaping @Sendable (inout ReadModel, RecordedEvent) throws -> Void
    ) {
        self.name = name
        handledEventTypes = handles
        self.initial = initial
        evolve = apply
        state = Mutex((initial, 0))
    }

    /// The read model as of the checkpoint.
    public var readModel: ReadModel { state.withLock { $0.readModel } }

    public func checkpoint() throws -> Int64 { state.withLock { $0.checkpoint } }

    public func apply(_ events: [RecordedEvent], checkpoint: Int64) throws {
        try state.withLock { state in
            guard checkpoint > state.checkpoint else { return }
            // Work on a copy: if an event fails, neither the model nor the checkpoint moves.
            var model = state.readModel
            for event in events where event.position > state.checkpoint {
                try evolve(&model, event)
            }
            state = (model, checkpoint)
        }
    }

    public func reset() throws {
        state.withLock { $0 = (initial, 0) }
    }
}
