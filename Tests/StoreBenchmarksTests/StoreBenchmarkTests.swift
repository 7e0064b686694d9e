import Foundation
import StoreBenchmarks
import Testing

/// `workshop bench store` on a small history: every operation is measured on all three sides
/// (the benchmark itself fails when the sides did different work), and the JSON has the fields
/// the design names. Speed is never asserted here; `workshop bench` reports it as ratios.
@Suite struct StoreBenchmarkTests {
    @Test func everyOperationReportsTheStoreTheBaselineAndTheLimit() throws {
        let report = try StoreBenchmark(events: 200, pageSize: 50).run()
        #expect(report.operations.map(\.name) == ["append_single", "append_batch", "read_stream", "read_all", "rebuild"])
        for operation in report.operations {
            #expect(operation.eventsPerSecond > 0, "\(operation.name)")
            #expect(operation.baselineEventsPerSecond > 0, "\(operation.name)")
            #expect(operation.limitEventsPerSecond > 0, "\(operation.name)")
            #expect(abs(operation.limitRatio - operation.eventsPerSecond / operation.limitEventsPerSecond) < 0.01, "\(operation.name)")
        }
        let json = try JSONSerialization.jsonObject(with: Data(try report.json().utf8)) as? [String: Any]
        let operations = json?["operations"] as? [[String: Any]] ?? []
        #expect(operations.count == 5)
        for operation in operations {
            #expect(Set(operation.keys) == ["name", "events_per_s", "baseline_events_per_s", "ratio", "limit_events_per_s", "limit_ratio"])
        }
    }
}
