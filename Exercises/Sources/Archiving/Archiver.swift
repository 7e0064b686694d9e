import EventSourcing
import EventSourcingSQLite
import Foundation

/// The nightly archiving job: stays closed for more than `retentionDays` days leave the hot
/// event store for a cold one, and each leaves one summary event behind.
public struct Archiver: Sendable {
    public let store: SQLiteEventStore
    /// The cold store file (an event store file of its own).
    public let coldStorePath: String
    public let retentionDays: Int
    private let makeEventID: @Sendable () -> UUID

    public init(store: SQLiteEventStore, coldStorePath: String, retentionDays: Int,
                makeEventID: @escaping @Sendable () -> UUID = { UUID() }) {
        self.store = store
        self.coldStorePath = coldStorePath
        self.retentionDays = retentionDays
        self.makeEventID = makeEventID
    }

    /// What one run did.
    public struct Run: Sendable, Equatable {
        /// The stays moved to cold storage by this run.
        public var archivedStays: [String] = []
        /// Summary events appended by this run.
        public var summariesWritten = 0
        /// Events that left the hot log.
        public var eventsMoved: Int64 = 0

        public init() {}
    }

    /// Whether a stay is due for cold storage at `now`.
    public static func isDue(checkedOutAt: Date?, now: Date, retentionDays: Int) -> Bool {
        // TODO: an open stay (checkedOutAt == nil) is never due. A closed one is due when it
        // checked out *more than* `retentionDays` days (of 86 400 s) before `now`.
        false
    }

    /// Archives every stay that is due at `now`. Safe to run again at any time, also after a
    /// crash half-way: a second run writes nothing and moves nothing.
    @discardableResult
    public func archive(now: Date) throws -> Run {
        let run = Run()
        // TODO:
        // 1. Find the due stays: `try stays()` filtered with `Self.isDue(...)`.
        // 2. For each, while its events are still hot: build `summary(ofStay:archivedAt: now)`
        //    and append it as `.stayArchived(summary)` (encoded with `StayEvent.codec`, id from
        //    `makeEventID()`) to `StayArchived.streamID(stayID:)`, so that a stay never gets a
        //    second summary, not even from a run that crashed before step 3.
        // 3. Move the stays' streams (`StayEvent.streamID(stayID:)`) with
        //    `store.archive(streams:to: coldStorePath)`, and fill in `run` from its result.
        return run
    }
}
