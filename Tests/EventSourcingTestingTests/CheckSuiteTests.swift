import EventSourcing
import EventSourcingTesting
import Foundation
import Synchronization
import Testing

@Suite struct CheckSuiteTests {
    @Test func eachCheckIsReportedWithItsStepsAndAnEndLine() throws {
        var suite = CheckSuite("fixture")
        suite.check("appending records a step") { trace in
            let store = InMemoryEventStore(clock: { Date(timeIntervalSince1970: 0) })
            try trace.step("append one", store: store) {
                try store.append(to: "s-1", events: [EventData(eventType: "Happened", data: Data(#"{"n":1}"#.utf8))])
            } readModels: {
                ["count": 1]
            }
        }
        suite.check("a failing check keeps its message") { _ in throw SpecFailure("expected 1, got 2") }

        var lines: [ReportLine] = []
        let counts = suite.runChecks { lines.append($0) }

        #expect(counts.passed == 1 && counts.failed == 1)
        guard lines.count == 4, case .step(let step) = lines[0] else {
            Issue.record("unexpected report: \(lines)")
            return
        }
        #expect(step.check == "appending records a step")
        #expect(step.appended.map(\.streamID) == ["s-1"])
        #expect(step.appended.first?.data == ["n": 1])
        #expect(step.readModels == ["count": 1])
        #expect(lines[1] == .check(CheckResult(name: "appending records a step", passed: true)))
        #expect(lines[2] == .check(CheckResult(name: "a failing check keeps its message", passed: false, message: "expected 1, got 2")))
        #expect(lines[3] == .end(passed: 1, failed: 1))
    }

    @Test func stoppingAtTheFirstFailureSkipsTheChecksAfterIt() {
        var suite = CheckSuite("fixture")
        let ran = Mutex<[String]>([])
        for name in ["first passes", "second fails", "third is skipped"] {
            suite.check(name) { _ in
                ran.withLock { $0.append(name) }
                if name == "second fails" { throw SpecFailure("no") }
            }
        }
        let counts = suite.runChecks(stopAtFirstFailure: true) { _ in }
        #expect(counts.passed == 1 && counts.failed == 1)
        #expect(ran.withLock { $0 } == ["first passes", "second fails"])
        #expect(suite.runChecks(stopAtFirstFailure: false) { _ in } == (passed: 2, failed: 1))
    }

    @Test func anUnexpectedErrorIsReportedAsWhatTheCodeThrew() {
        enum StayRule: Error { case balanceNotSettled }
        var suite = CheckSuite("fixture")
        suite.check("checking out") { _ in throw StayRule.balanceNotSettled }
        var lines: [ReportLine] = []
        _ = suite.runChecks(stopAtFirstFailure: false) { lines.append($0) }
        #expect(lines.first == .check(CheckResult(name: "checking out", passed: false,
                                                  message: "The exercise's code threw .balanceNotSettled (StayRule), which the check did not expect.")))
    }

    @Test func reportLinesRoundTripAsJSON() throws {
        let event = RecordedEvent(eventID: EventFixtures.fixtureID(1), streamID: "s", streamVersion: 1, position: 1,
                                  recordedAt: Date(timeIntervalSince1970: 0), eventType: "T", schemaVersion: 2,
                                  data: Data(#"{"a":[1,2.5,"x",null,true]}"#.utf8), metadata: EventMetadata(correlationID: "c"))
        let lines: [ReportLine] = [
            .step(TraceStep(check: "c", title: "t", appended: [TracedEvent(event)], readModels: ["m": ["k": "v"]])),
            .check(CheckResult(name: "n", passed: false, message: "m")),
            .progress(RunProgress(title: "v2 rebuilding", done: 5_000, total: 20_000, detail: "lag 15000")),
            .end(passed: 0, failed: 1),
        ]
        for line in lines {
            let data = try ReportLine.encoder.encode(line)
            #expect(!data.contains(0x0A), "one object per line")
            #expect(try ReportLine.decoder.decode(ReportLine.self, from: data) == line)
        }
    }

    // MARK: Full-size runs

    /// A file standing in for the sample store.
    private func sampleStore() throws -> String {
        let path = FileManager.default.temporaryDirectory.appending(path: "full-size-\(UUID().uuidString).sqlite").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data("events".utf8)))
        return path
    }

    @Test func aFullSizeRunReportsItsProgressAndStepsInOrderAsOneCheck() throws {
        var suite = CheckSuite("fixture")
        suite.check("a check that must not run") { _ in Issue.record("the checks ran during a full-size run") }
        let seen = Mutex<String?>(nil)
        suite.fullSizeRun("rebuild over the sample") { run in
            seen.withLock { $0 = run.storePath }
            run.progress("rebuilding", done: 1, total: 2)
            run.trace.step("half way", readModels: ["lag": 1])
            run.progress("rebuilding", done: 2, total: 2, detail: "lag 0")
        }
        let path = try sampleStore()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var lines: [ReportLine] = []
        let counts = suite.runFullSize(storePath: path) { lines.append($0) }

        #expect(counts.passed == 1 && counts.failed == 0)
        #expect(seen.withLock { $0 } == path)
        #expect(lines == [
            .progress(RunProgress(title: "rebuilding", done: 1, total: 2)),
            .step(TraceStep(check: "rebuild over the sample", title: "half way", readModels: ["lag": 1])),
            .progress(RunProgress(title: "rebuilding", done: 2, total: 2, detail: "lag 0")),
            .check(CheckResult(name: "rebuild over the sample", passed: true)),
            .end(passed: 1, failed: 0),
        ])
    }

    @Test func aFullSizeRunThatThrowsFailsWithItsMessage() throws {
        var suite = CheckSuite("fixture")
        suite.fullSizeRun("switch at lag 0") { _ in throw SpecFailure("switched with 4 000 events to go") }
        let path = try sampleStore()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var lines: [ReportLine] = []
        let counts = suite.runFullSize(storePath: path) { lines.append($0) }
        #expect(counts.failed == 1)
        #expect(lines == [.check(CheckResult(name: "switch at lag 0", passed: false, message: "switched with 4 000 events to go")),
                          .end(passed: 0, failed: 1)])
    }

    @Test func withoutASampleStoreTheRunSaysToSeedAndDoesNotStart() {
        var suite = CheckSuite("fixture")
        suite.fullSizeRun("rebuild") { _ in Issue.record("ran without a store") }
        var lines: [ReportLine] = []
        _ = suite.runFullSize(storePath: "/nonexistent/sample.sqlite") { lines.append($0) }
        guard case .check(let result) = lines.first else {
            Issue.record("unexpected report: \(lines)")
            return
        }
        #expect(!result.passed)
        #expect(result.message?.contains("run `workshop seed` first") == true)
    }

    @Test func anExerciseWithoutAFullSizeRunSaysSo() {
        let suite = CheckSuite("facts")
        var lines: [ReportLine] = []
        let counts = suite.runFullSize(storePath: "/nonexistent") { lines.append($0) }
        #expect(counts.failed == 1)
        guard case .check(let result) = lines.first else {
            Issue.record("unexpected report: \(lines)")
            return
        }
        #expect(result.message == "The exercise facts has no full-size run: its checks are the whole story.")
    }

    @Test func progressFractionIsClampedAndEmptyWorkIsDone() {
        #expect(RunProgress(title: "t", done: 5, total: 20).fraction == 0.25)
        #expect(RunProgress(title: "t", done: 30, total: 20).fraction == 1)
        #expect(RunProgress(title: "t", done: 0, total: 0).fraction == 1)
    }
}
