import EventSourcing
import EventSourcingSQLite
import Foundation
import GRDB

/// Measures the SQLite store against a hand-written sqlite3 baseline, in one process, on one
/// temporary file with the same pragmas, so the ratio says what the store's abstractions cost
/// on this machine today.
///
/// ```swift
/// let report = try StoreBenchmark(events: 20_000).run()
/// print(report.table)
/// ```
///
/// Five operations, each timed for the store and for the baseline (same schema, same
/// pre-encoded payloads, raw `sqlite3_prepare_v2`/`bind`/`step`):
/// - `append_single`: one event per transaction, streams of 100, exact expected versions;
/// - `append_batch`: 100 events per transaction, one new stream each;
/// - `read_stream`: every stream read whole (100 events each);
/// - `read_all`: the global log in pages, decoded to typed events (baseline: raw scan plus
///   `JSONDecoder` on the same bytes);
/// - `rebuild`: a projection into a SQLite table with a checkpoint per batch
///   (`SQLiteProjection` + `ProjectionRunner`; baseline: raw scan, decode, upsert).
public struct StoreBenchmark: Sendable {
    /// Events appended by each append operation (so the reads cover twice as many).
    public var events: Int
    public var durability: SQLiteEventStore.Durability
    /// Page size of `read_all` and batch size of `rebuild`.
    public var pageSize: Int

    /// Finishes in about 10 s on 2 cores in a release build.
    public static let defaultEvents = 20_000

    public init(events: Int = StoreBenchmark.defaultEvents, durability: SQLiteEventStore.Durability = .normal, pageSize: Int = 1_000) {
        self.events = max(100, events / 100 * 100)
        self.durability = durability
        self.pageSize = pageSize
    }

    /// Runs every operation; `progress` hears the name of each one as it starts.
    public func run(progress: (String) -> Void = { _ in }) throws -> StoreBenchmarkReport {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("store-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("bench.sqlite").path

        let fixture = BenchFixture(events: events)
        let store = try SQLiteEventStore(path: path, configuration: .init(durability: durability))
        let baselineSide = try BaselineStore(path: path, durability: durability)
        let limit = try BaselineStore(path: path, durability: durability, side: .limit)
        var operations: [StoreBenchmarkReport.Operation] = []

        /// Alternates baseline and store round by round, so a machine whose load changes
        /// during the run (other builds, a browser) weighs on both sides alike.
        /// - `slices`: the work is split into rounds, each doing a different part (appends);
        ///   the rate is the total over all rounds.
        /// - `repeats`: every round does all the work again (reads); the best round counts.
        func measure(_ name: String, rounds: Int, repeats: Bool, store: (Int) throws -> Int,
                     baseline: (BaselineStore, Int) throws -> Int) throws {
            progress(name)
            var storeRuns: [(events: Int, seconds: Double)] = []
            var baselineRuns: [(events: Int, seconds: Double)] = []
            var limitRuns: [(events: Int, seconds: Double)] = []
            for round in 0..<rounds {
                baselineRuns.append(try Self.timed { try baseline(baselineSide, round) })
                limitRuns.append(try Self.timed { try baseline(limit, round) })
                storeRuns.append(try Self.timed { try store(round) })
            }
            func rate(_ runs: [(events: Int, seconds: Double)]) -> Double {
                repeats ? runs.map { Double($0.events) / $0.seconds }.max() ?? 0
                    : Double(runs.map(\.events).reduce(0, +)) / runs.map(\.seconds).reduce(0, +)
            }
            operations.append(.init(name: name, eventsPerSecond: rate(storeRuns), baselineEventsPerSecond: rate(baselineRuns),
                                    limitEventsPerSecond: rate(limitRuns)))
        }

        let rounds = 5
        func slice<T>(_ items: [T], _ round: Int) -> ArraySlice<T> {
            let size = (items.count + rounds - 1) / rounds
            return items[min(items.count, round * size)..<min(items.count, (round + 1) * size)]
        }

        let singles = fixture.singles
        try measure("append_single", rounds: rounds, repeats: false, store: { round in
            let part = slice(singles, round)
            for single in part {
                try store.append(to: single.streamID, expected: single.version == 0 ? .noStream : .exact(single.version),
                                 events: [single.event.data])
            }
            return part.count
        }, baseline: { baseline, round in
            let part = slice(singles, round)
            for single in part {
                try baseline.append(to: single.streamID, expectedVersion: single.version, events: [single.event])
            }
            return part.count
        })

        let batches = fixture.batches
        let batchData = batches.map { (streamID: $0.streamID, events: $0.events.map(\.data)) }
        try measure("append_batch", rounds: rounds, repeats: false, store: { round in
            let part = slice(batchData, round)
            for batch in part {
                try store.append(to: batch.streamID, expected: .noStream, events: batch.events)
            }
            return part.count * 100
        }, baseline: { baseline, round in
            let part = slice(batches, round)
            for batch in part {
                try baseline.append(to: batch.streamID, expectedVersion: 0, events: batch.events)
            }
            return part.count * 100
        })

        let streams = fixture.streamIDs
        let total = streams.count * 100
        try measure("read_stream", rounds: 3, repeats: true, store: { _ in
            var read = 0
            for stream in streams { read += try store.readStream(stream).count }
            try Self.expect(read, total, "read_stream (store)")
            return read
        }, baseline: { baseline, _ in
            var read = 0
            for stream in streams { read += try baseline.readStream(stream).count }
            try Self.expect(read, total, "read_stream (baseline)")
            return read
        })

        let codec = BenchFixture.codec
        let pageSize = self.pageSize
        try measure("read_all", rounds: 3, repeats: true, store: { _ in
            var read = 0
            var after: Int64 = 0
            while true {
                let page = try store.readAll(after: after, limit: pageSize)
                guard let last = page.last else { break }
                for recorded in page { _ = try codec.decode(recorded) }
                read += page.count
                after = last.position
            }
            try Self.expect(read, total, "read_all (store)")
            return read
        }, baseline: { baseline, _ in
            let read = try baseline.readAllDecoded(pageSize: pageSize)
            try Self.expect(read, total, "read_all (baseline)")
            return read
        })

        let projection = try BenchFixture.totalsProjection(store: store)
        let runner = ProjectionRunner(store: store, batchSize: pageSize)
        try measure("rebuild", rounds: 3, repeats: true, store: { _ in
            let progress = try runner.rebuild(projection)
            try Self.expect(progress.eventsRead, total, "rebuild (store)")
            return progress.eventsRead
        }, baseline: { baseline, _ in
            let read = try baseline.rebuildTotals(pageSize: pageSize)
            try Self.expect(read, total, "rebuild (baseline)")
            return read
        })
        for side in ["baseline", "limit"] {
            try Self.expect(try store.read { try Row.fetchAll($0, sql: "SELECT * FROM bench_totals ORDER BY stay") },
                            try store.read { try Row.fetchAll($0, sql: "SELECT * FROM \(side)_totals ORDER BY stay") },
                            "rebuild: read models of store and \(side)")
        }

        #if DEBUG
            let build = "debug"
        #else
            let build = "release"
        #endif
        return StoreBenchmarkReport(operations: operations, events: events, durability: durability.rawValue, build: build)
    }

    private static func timed(_ body: () throws -> Int) throws -> (events: Int, seconds: Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let events = try body()
        return (events, max(1e-9, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
    }

    /// A benchmark that measured the wrong thing is worse than none: check what each side did.
    private static func expect<T: Equatable>(_ actual: T, _ expected: T, _ what: String) throws {
        guard actual == expected else { throw BenchmarkMismatch(what: what) }
    }
}

/// The two sides of a benchmark did not do the same work.
public struct BenchmarkMismatch: Error, Sendable, CustomStringConvertible {
    public let what: String
    public var description: String { "The benchmark is invalid: \(what) did not produce the expected result." }
}

/// What `workshop bench store --json` prints.
public struct StoreBenchmarkReport: Codable, Sendable, Hashable {
    public struct Operation: Codable, Sendable, Hashable {
        public var name: String
        public var eventsPerSecond: Double
        public var baselineEventsPerSecond: Double
        /// Store over baseline: 1 means as fast as hand-written sqlite3 code on the same schema.
        public var ratio: Double
        /// Hand-written sqlite3 code on the smallest schema that keeps the same promises.
        public var limitEventsPerSecond: Double
        /// Store over limit: how close the store is to what SQLite can do here.
        public var limitRatio: Double

        public init(name: String, eventsPerSecond: Double, baselineEventsPerSecond: Double, limitEventsPerSecond: Double) {
            self.name = name
            self.eventsPerSecond = eventsPerSecond.rounded()
            self.baselineEventsPerSecond = baselineEventsPerSecond.rounded()
            self.limitEventsPerSecond = limitEventsPerSecond.rounded()
            ratio = ((eventsPerSecond / baselineEventsPerSecond) * 1000).rounded() / 1000
            limitRatio = ((eventsPerSecond / limitEventsPerSecond) * 1000).rounded() / 1000
        }

        enum CodingKeys: String, CodingKey {
            case name
            case eventsPerSecond = "events_per_s"
            case baselineEventsPerSecond = "baseline_events_per_s"
            case ratio
            case limitEventsPerSecond = "limit_events_per_s"
            case limitRatio = "limit_ratio"
        }
    }

    public var operations: [Operation]
    /// Events appended by each append operation.
    public var events: Int
    public var durability: String
    /// `debug` or `release`: a debug build's figures say little.
    public var build: String

    public init(operations: [Operation], events: Int, durability: String, build: String) {
        self.operations = operations
        self.events = events
        self.durability = durability
        self.build = build
    }

    /// The report as one JSON object.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// The report as a table for people.
    public var table: String {
        func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
            let padding = String(repeating: " ", count: max(0, width - text.count))
            return left ? text + padding : padding + text
        }
        var lines = [
            "store benchmark: \(events) events per append operation, durability \(durability), \(build) build",
            pad("operation", 14, left: true) + pad("store ev/s", 13) + pad("sqlite3 ev/s", 14) + pad("ratio", 8)
                + pad("limit ev/s", 13) + pad("ratio", 8),
        ]
        for operation in operations {
            lines.append(pad(operation.name, 14, left: true) + pad(String(Int(operation.eventsPerSecond)), 13)
                + pad(String(Int(operation.baselineEventsPerSecond)), 14) + pad(String(format: "%.2f", operation.ratio), 8)
                + pad(String(Int(operation.limitEventsPerSecond)), 13) + pad(String(format: "%.2f", operation.limitRatio), 8))
        }
        lines.append("sqlite3: hand-written code on the store's schema; limit: on the smallest schema with the same promises")
        if build == "debug" { lines.append("(a debug build: run with -c release for meaningful ratios)") }
        return lines.joined(separator: "\n")
    }
}
