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
        var history = HotelHistory(seed: seed, targetEvents: events)
        var written = 0
        var streams = Set<String>()
        // Segments go in one transaction per chunk: the per-transaction cost (not the events)
        // bounds a bulk write, and a chunk of a busy hour commits as one. Each chunk is stamped
        // with its first segment's simulated time; the events' own `at` fields keep the minute.
        var chunk: [(streamID: String, expected: ExpectedVersion, events: [EventData])] = []
        func flush() throws {
            guard !chunk.isEmpty else { return }
            try store.appendBatch(chunk)
            chunk.removeAll(keepingCapacity: true)
        }
        while written < events {
            for var segment in history.nextDay() where written < events {
                if segment.events.count > events - written {
                    segment.events.removeLast(segment.events.count - (events - written))
                }
                if chunk.isEmpty { now.withLock { $0 = segment.at } }
                chunk.append((segment.streamID, .any, segment.events))
                written += segment.events.count
                streams.insert(segment.streamID)
                if chunk.count == Self.segmentsPerTransaction { try flush() }
            }
            try flush()
            progress(written)
        }
        return Summary(events: written, streams: streams.count, seconds: Date().timeIntervalSince(started))
    }

    /// Deletes a store file with its write-ahead log and shared-memory index.
    static func removeStore(at path: String) throws {
        let files = FileManager.default
        for suffix in ["", "-wal", "-shm"] where files.fileExists(atPath: path + suffix) {
            try files.removeItem(atPath: path + suffix)
        }
    }
}
