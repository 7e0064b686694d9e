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
        // An open stay is never due, however long ago it began: the guest is still here, and
        // the next charge must find the stream in the hot store.
        guard let checkedOutAt else { return false }
        // Strictly more than N days: a stay closed exactly N days ago keeps its last day of
        // disputes, refunds and corrections in the hot store.
        return now.timeIntervalSince(checkedOutAt) > Double(retentionDays) * 86_400
    }

    /// Archives every stay that is due at `now`. Safe to run again at any time, also after a
    /// crash half-way: a second run writes nothing and moves nothing.
    @discardableResult
    public func archive(now: Date) throws -> Run {
        var run = Run()
        let due = try stays().filter { Self.isDue(checkedOutAt: $0.checkedOutAt, now: now, retentionDays: retentionDays) }
        var streams: [String] = []
        for stay in due {
            let stream = StayEvent.streamID(stayID: stay.stayID)
            // 1. The summary first, while the stay's events are still hot to compute it from.
            //    If the run crashes after this, the next run finds the summary and goes on to
            //    step 2; in the other order a crash would leave a stay archived with no summary.
            if let summary = try summary(ofStay: stay.stayID, archivedAt: now) {
                let event = try StayEvent.codec.encode(
                    .stayArchived(summary), eventID: makeEventID(),
                    metadata: EventMetadata(correlationID: "archive-stay-\(stay.stayID)", causationID: "nightly-archive"))
                do {
                    // `.noStream`: one summary per stay, ever. A rerun (or a second scheduler)
                    // hits the conflict instead of writing a duplicate that would double the
                    // stay's totals in every report built from the log.
                    try store.append(to: StayArchived.streamID(stayID: stay.stayID), expected: .noStream, events: [event])
                    run.summariesWritten += 1
                } catch is WrongExpectedVersion {
                    // Written by an earlier run that stopped before moving the stay: move it now.
                }
            }
            streams.append(stream)
        }
        // 2. Move the stays with the store's archive API: copied to the cold file with their
        //    positions and metadata, then deleted from the hot log, recorded in archived_streams.
        //    It skips streams archived before, so this step is idempotent too.
        let result = try store.archive(streams: streams, to: coldStorePath)
        run.archivedStays = result.archived.map { String($0.streamID.dropFirst("guest_stay-".count)) }
        run.eventsMoved = result.eventsMoved
        return run
    }
}
