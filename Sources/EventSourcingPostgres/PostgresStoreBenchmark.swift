#if Postgres
import EventSourcing
import Foundation
import NIOCore
import NIOFoundationCompat
import PostgresNIO

/// `workshop bench store --store postgres://…`: the PostgreSQL store against plain SQL
/// statements sent through the same driver to the same server, in a schema of its own that is
/// dropped afterwards, rounds alternating so a changing load weighs on both sides alike.
///
/// Baselines: `append_single` one INSERT per event (no version check, no id lookup);
/// `append_batch` one INSERT of 100 rows from arrays; `read_stream`/`read_all` the same SELECTs
/// without the visibility rule, rows decoded the same way; `rebuild` pages of the log upserted
/// into a table, one transaction per page, without a checkpoint.
public struct PostgresStoreBenchmark: Sendable {
    public struct Operation: Codable, Sendable, Hashable {
        public var name: String
        public var eventsPerSecond: Double
        public var baselineEventsPerSecond: Double
        public var ratio: Double

        enum CodingKeys: String, CodingKey {
            case name, ratio
            case eventsPerSecond = "events_per_s"
            case baselineEventsPerSecond = "baseline_events_per_s"
        }
    }

    public struct Report: Codable, Sendable, Hashable {
        public var store: String
        public var events: Int
        public var operations: [Operation]
    }

    public let url: PostgresStoreURL
    public let events: Int

    public init(url: PostgresStoreURL, events: Int = 5_000) {
        self.url = url
        self.events = max(100, events / 100 * 100)
    }

    public func run(progress: (String) -> Void = { _ in }) throws -> Report {
        var benchURL = url
        benchURL.schema = "bench_" + UUID().uuidString.prefix(8).lowercased()
        let store = try PostgresEventStore(url: benchURL)
        defer {
            try? store.execute(PostgresQuery(unsafeSQL: "DROP SCHEMA \"\(benchURL.schema ?? "")\" CASCADE"), during: "dropping the benchmark's schema")
            store.close()
        }
        try store.execute("CREATE TABLE baseline_events (LIKE events INCLUDING ALL)", during: "creating the baseline table")
        try store.execute("CREATE TABLE bench_counts (stream_id text PRIMARY KEY, events bigint NOT NULL)", during: "creating a read model")
        try store.execute("CREATE TABLE baseline_counts (stream_id text PRIMARY KEY, events bigint NOT NULL)", during: "creating a read model")

        let run = UUID().uuidString.prefix(6)
        func event(_ index: Int) -> EventData {
            EventData(eventType: "ChargeRecorded", data: Data(#"{"amount":\#(100 + index % 900),"currency":"EUR","nights":\#(1 + index % 3)}"#.utf8),
                      metadata: EventMetadata(correlationID: "c-\(index)", causationID: "cmd-\(index)"))
        }
        let singles = (0..<events).map { (stream: "s-\(run)-\($0 / 100)", version: Int64($0 % 100), event: event($0)) }
        let batches = (0..<(events / 100)).map { batch in (stream: "b-\(run)-\(batch)", events: (0..<100).map { event(batch * 100 + $0) }) }
        let rounds = 5
        func slice<T>(_ items: [T], _ round: Int) -> ArraySlice<T> {
            let size = (items.count + rounds - 1) / rounds
            return items[min(items.count, round * size)..<min(items.count, (round + 1) * size)]
        }
        var operations: [Operation] = []
        func measure(_ name: String, repeats: Bool, store: (Int) throws -> Int, baseline: (Int) throws -> Int) throws {
            progress(name)
            var storeRuns: [(Int, Double)] = [], baselineRuns: [(Int, Double)] = []
            for round in 0..<(repeats ? 3 : rounds) {
                baselineRuns.append(try Self.timed { try baseline(round) })
                storeRuns.append(try Self.timed { try store(round) })
            }
            func rate(_ runs: [(Int, Double)]) -> Double {
                repeats ? runs.map { Double($0.0) / $0.1 }.max() ?? 0 : Double(runs.map(\.0).reduce(0, +)) / runs.map(\.1).reduce(0, +)
            }
            let (storeRate, baselineRate) = (rate(storeRuns), rate(baselineRuns))
            operations.append(Operation(name: name, eventsPerSecond: storeRate.rounded(), baselineEventsPerSecond: baselineRate.rounded(),
                                        ratio: ((storeRate / max(baselineRate, 1e-9)) * 1000).rounded() / 1000))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var baselinePosition: Int64 = 0
        func insertBaseline(_ stream: String, firstVersion: Int64, _ events: [EventData], on connection: PostgresConnection) throws {
            let positions = events.indices.map { baselinePosition + Int64($0) + 1 }
            baselinePosition += Int64(events.count)
            let metadata = try events.map { String(decoding: try encoder.encode($0.metadata), as: UTF8.self) }
            try BlockingConnections.run("""
                INSERT INTO baseline_events (position, transaction_id, stream_id, stream_version, event_id, event_type, schema_version, data, metadata, recorded_at)
                SELECT p, pg_current_xact_id(), \(stream), \(firstVersion) + n, id, t, 1, d, m, now()
                FROM unnest(\(positions), \(events.map(\.eventID)), \(events.map(\.eventType)), \(events.map { ByteBuffer(data: $0.data) }), \(metadata))
                     WITH ORDINALITY AS e(p, id, t, d, m, n)
                """, on: connection)
        }

        try measure("append_single", repeats: false, store: { round in
            let part = slice(singles, round)
            for single in part {
                try store.append(to: single.stream, expected: single.version == 0 ? .noStream : .exact(single.version), events: [single.event])
            }
            return part.count
        }, baseline: { round in
            let part = slice(singles, round)
            try store.withConnection { connection in
                for single in part { try insertBaseline(single.stream, firstVersion: single.version, [single.event], on: connection) }
            }
            return part.count
        })
        try measure("append_batch", repeats: false, store: { round in
            let part = slice(batches, round)
            for batch in part { try store.append(to: batch.stream, expected: .noStream, events: batch.events) }
            return part.count * 100
        }, baseline: { round in
            let part = slice(batches, round)
            try store.withConnection { connection in
                for batch in part { try insertBaseline(batch.stream, firstVersion: 0, batch.events, on: connection) }
            }
            return part.count * 100
        })
        let streams = Array(Set(singles.map(\.stream))) + batches.map(\.stream)
        let decoder = JSONDecoder()
        func decodeRows(_ rows: [PostgresRow]) throws -> Int {
            for row in rows {
                let columns = try row.decode((Int64, String, Int64, UUID, String, Int32, Data, String, Date).self)
                _ = try decoder.decode(EventMetadata.self, from: Data(columns.7.utf8))
            }
            return rows.count
        }
        try measure("read_stream", repeats: true, store: { _ in
            try streams.reduce(0) { $0 + (try store.readStream($1).count) }
        }, baseline: { _ in
            try store.withConnection { connection in
                try streams.reduce(0) { read, stream in
                    read + (try decodeRows(try BlockingConnections.run("""
                        SELECT position, stream_id, stream_version, event_id, event_type, schema_version, data, metadata, recorded_at
                        FROM baseline_events WHERE stream_id = \(stream) ORDER BY stream_version
                        """, on: connection).rows))
                }
            }
        })
        func baselinePages(_ body: ([PostgresRow], PostgresConnection) throws -> Void) throws -> Int {
            try store.withConnection { connection in
                var after: Int64 = 0, read = 0
                while true {
                    let rows = try BlockingConnections.run("""
                        SELECT position, stream_id, stream_version, event_id, event_type, schema_version, data, metadata, recorded_at
                        FROM baseline_events WHERE position > \(after) ORDER BY position LIMIT 1000
                        """, on: connection).rows
                    guard let last = rows.last else { return read }
                    read += try decodeRows(rows)
                    try body(rows, connection)
                    after = try last.decode(Int64.self)
                }
            }
        }
        try measure("read_all", repeats: true, store: { _ in
            var after: Int64 = 0, read = 0
            while true {
                let page = try store.readAll(after: after, limit: 1_000)
                guard let last = page.last else { return read }
                read += page.count
                after = last.position
            }
        }, baseline: { _ in try baselinePages { _, _ in } })
        let projection = try PostgresProjection(
            name: "bench_counts", store: store, handles: ["ChargeRecorded"],
            apply: { tx, event in
                try tx.query("""
                    INSERT INTO bench_counts (stream_id, events) VALUES (\(event.streamID), 1)
                    ON CONFLICT (stream_id) DO UPDATE SET events = bench_counts.events + 1
                    """)
            },
            reset: { try $0.query("DELETE FROM bench_counts") })
        let runner = ProjectionRunner(store: store, batchSize: 1_000)
        try measure("rebuild", repeats: true, store: { _ in try runner.rebuild(projection).eventsRead }, baseline: { _ in
            try store.execute("DELETE FROM baseline_counts", during: "resetting the baseline read model")
            return try baselinePages { rows, connection in
                try BlockingConnections.run("BEGIN", on: connection)
                for row in rows {
                    let stream = try row.decode((Int64, String).self).1
                    try BlockingConnections.run("""
                        INSERT INTO baseline_counts (stream_id, events) VALUES (\(stream), 1)
                        ON CONFLICT (stream_id) DO UPDATE SET events = baseline_counts.events + 1
                        """, on: connection)
                }
                try BlockingConnections.run("COMMIT", on: connection)
            }
        })
        return Report(store: url.redacted, events: events, operations: operations)
    }

    private static func timed(_ body: () throws -> Int) throws -> (Int, Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let count = try body()
        return (count, max(1e-9, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
    }
}
#endif
