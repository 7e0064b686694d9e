import EventSourcing
import EventSourcingSQLite

/// Deploys a corrected read model without downtime: v2 (green) rebuilds from position 0 into
/// its own table, batch by batch, while v1 (blue) keeps answering and keeps up with new events.
/// Queries move to v2 once it has caught up with the log. Blue keeps catching up after the
/// switch too, so that if v2 turns out wrong, moving queries back is one assignment, not another
/// rebuild; drop v1 only once v2 has served long enough to be trusted.
public final class BlueGreenDeployment {
    public let store: SQLiteEventStore
    public let blue: SQLiteProjection<RecordedEvent>
    public let green: SQLiteProjection<RecordedEvent>
    public let batchSize: Int
    /// The table queries read from.
    public private(set) var serving: String

    /// Where the deploy stands after a tick.
    public struct Progress: Sendable, Equatable, Codable {
        public var greenCheckpoint: Int64
        public var head: Int64
        public var lag: Int64
        public var serving: String
    }

    public init(store: SQLiteEventStore, blue: SQLiteProjection<RecordedEvent>, green: SQLiteProjection<RecordedEvent>, batchSize: Int = 500) {
        self.store = store
        self.blue = blue
        self.green = green
        self.batchSize = batchSize
        serving = blue.name
    }

    /// How far v2 is behind the log: 0 when it has processed every event written so far.
    public func lag() throws -> Int64 {
        try store.headPosition() - green.checkpoint()
    }

    /// One step of the deploy.
    @discardableResult
    public func tick() throws -> Progress {
        // Blue keeps up on every tick: users see new events while green rebuilds, and after the
        // switch blue stays ready to take the queries back if v2 turns out wrong.
        try ProjectionRunner(store: store).catchUp(blue)
        // Green rebuilds one batch at a time from its own checkpoint (0 at first): a rebuild of
        // millions of events is hours of work, and it must be able to stop and resume.
        // It is never reset here: resetting would start the rebuild over on every tick.
        let batch = try store.readAll(after: try green.checkpoint(), limit: batchSize)
        if let last = batch.last {
            try green.apply(batch.filter { green.handledEventTypes.contains($0.eventType) }, checkpoint: last.position)
        }
        // Switch only when green has processed everything written so far, measured against
        // the log's head *now*, not the head when the deploy started: events keep arriving.
        if serving == blue.name, try lag() == 0 {
            serving = green.name
        }
        return Progress(greenCheckpoint: try green.checkpoint(), head: try store.headPosition(), lag: try lag(), serving: serving)
    }

    /// A stay's balance, from whichever table is serving.
    public func balance(of stayID: String) throws -> Int? {
        try GuestBalances.balance(of: stayID, in: serving, store)
    }
}
