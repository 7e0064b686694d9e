import EventSourcing
import EventSourcingSQLite
import Foundation
import Synchronization

/// Writes a seeded `HotelHistory` into a SQLite event store, many segments per transaction, and
/// stops at exactly the number of events asked for.
///
/// ```swift
/// let summary = try SampleStoreSeeder(events: 1_000_000).seed(path: paths.sampleStore) { written in
///     progressBar.show(written)
/// }
/// ```
///
/// The file is replaced, not added to: seeding twice with the same seed gives the same store,
/// event for event (ids, versions, positions, metadata and recorded times included).
public struct SampleStoreSeeder: Sendable {
    /// One million events: a busy year, the size the projection and devops stages are about.
    public static let defaultEvents = 1_000_000
    public static let defaultSeed: UInt64 = 2026

    public let events: Int
    public let seed: UInt64
    static let segmentsPerTransaction = 64
    /// Checkpoint the store's write-ahead log every 100 000 pages (about 400 MB) while seeding
    /// rather than every 1 000: the history's small streams change pages all over the indexes,
    /// and fewer checkpoints write each of them fewer times (see `SQLiteEventStore.bulkLoad`).
    /// A million events seeded in about 63 s instead of 77 s at 25 000 pages; the log is
    /// truncated at the end, so the space is only borrowed.
    static let walPagesPerCheckpoint = 100_000

    public init(events: Int = SampleStoreSeeder.defaultEvents, seed: UInt64 = SampleStoreSeeder.defaultSeed) {
        self.events = events
        self.seed = seed
    }

    /// What a seeding wrote.
    public struct Summary: Sendable, Hashable, Codable {
        public var events: Int
        public var streams: Int
        public var seconds: Double
    }

    /// Replaces the store at `path` with the history; `progress` is called after each day with
    /// the number of events written so far.
    @discardableResult
    public func seed(path: String, progress: (Int) -> Void = { _ in }) throws -> Summary {
        let started = Date()
        try Self.removeStore(at: path)
        try FileManager.default.createDirectory(
            at: URL(filePath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        // The store stamps each event with the simulated time of its append, not today's.
        let now = Mutex(HotelHistory.firstDay)
        let store = try SQLiteEventStore(path: path, configuration: .init(clock: { now.withLock { $0 } }))
        let days = DaySource(SeedDays(history: HotelHistory(seed: seed, targetEvents: events), events: events))
        // Two cores, two jobs: the next day is generated on another thread while the store
        // writes this one, so the seeder goes at the store's pace, not at the sum of both.
        var next = days.next()
        try store.bulkLoad(checkpointEvery: Self.walPagesPerCheckpoint) {
            while let day = next.wait() {
                next = days.next()
                for transaction in day.transactions {
                    now.withLock { $0 = transaction.at }
                    try store.appendBatch(transaction.appends)
                }
                progress(day.written)
            }
        }
        let (written, streams) = days.totals
        return Summary(events: written, streams: streams, seconds: Date().timeIntervalSince(started))
    }

    /// Deletes a store file with its write-ahead log and shared-memory index.
    static func removeStore(at path: String) throws {
        let files = FileManager.default
        for suffix in ["", "-wal", "-shm"] where files.fileExists(atPath: path + suffix) {
            try files.removeItem(atPath: path + suffix)
        }
    }
}

/// One simulated day of the history, cut into the store's transactions.
struct SeedDay: Sendable {
    /// One `appendBatch`, stamped with the simulated time of its first segment.
    struct Transaction: Sendable {
        var at: Date
        var appends: [(streamID: String, expected: ExpectedVersion, events: [EventData])]
    }

    var transactions: [Transaction]
    /// Events written once this day is, counting the days before.
    var written: Int
}

/// The history as the seeder writes it: days of transactions of at most
/// `SampleStoreSeeder.segmentsPerTransaction` segments, cut at exactly `events` events.
///
/// Segments go in one transaction per chunk: the per-transaction cost (not the events) bounds a
/// bulk write, and a chunk of a busy hour commits as one. Each chunk is stamped with its first
/// segment's simulated time; the events' own `at` fields keep the minute. These cuts decide the
/// store's contents (`recorded_at` above all), so the same seed must always cut the same way:
/// a day never shares a transaction with the next one, and the last segment is shortened to
/// the target.
struct SeedDays: Sendable {
    var history: HotelHistory
    let events: Int
    private(set) var written = 0
    private(set) var streams = Set<String>()

    init(history: HotelHistory, events: Int) {
        self.history = history
        self.events = events
    }

    /// The next day's transactions; nil once `events` have been handed out.
    mutating func nextDay() -> SeedDay? {
        guard written < events else { return nil }
        var transactions: [SeedDay.Transaction] = []
        for var segment in history.nextDay() where written < events {
            if segment.events.count > events - written {
                segment.events.removeLast(segment.events.count - (events - written))
            }
            if transactions.last.map({ $0.appends.count == SampleStoreSeeder.segmentsPerTransaction }) ?? true {
                transactions.append(.init(at: segment.at, appends: []))
            }
            transactions[transactions.count - 1].appends.append((segment.streamID, .any, segment.events))
            written += segment.events.count
            streams.insert(segment.streamID)
        }
        return SeedDay(transactions: transactions, written: written)
    }
}

/// Generates `SeedDays` one day ahead on a background thread.
///
/// One day at a time is enough: a day takes the store tens of milliseconds to write and the
/// generator a few to produce. The days stay in order because a day is only asked for once the
/// previous one has been received; the lock is never contended, it only hands the state over.
final class DaySource: Sendable {
    private let days: Mutex<SeedDays>

    init(_ days: SeedDays) {
        self.days = Mutex(days)
    }

    /// Starts generating the day after the last one asked for.
    func next() -> Pending {
        let pending = Pending()
        DispatchQueue.global().async { [self] in
            pending.fulfil(days.withLock { $0.nextDay() })
        }
        return pending
    }

    /// Events and distinct streams handed out so far.
    var totals: (written: Int, streams: Int) {
        days.withLock { ($0.written, $0.streams.count) }
    }

    /// A day being generated.
    final class Pending: Sendable {
        private let day = Mutex<SeedDay?>(nil)
        private let ready = DispatchSemaphore(value: 0)

        fileprivate func fulfil(_ day: SeedDay?) {
            self.day.withLock { $0 = day }
            ready.signal()
        }

        /// The day, once generated; nil when the history is complete.
        func wait() -> SeedDay? {
            ready.wait()
            return day.withLock { $0.take() }
        }
    }
}
