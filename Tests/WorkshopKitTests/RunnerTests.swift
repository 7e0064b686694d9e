import EventSourcingTesting
import Foundation
import Synchronization
import Testing
@testable import WorkshopKit

/// The real runner (swift build + the check program in a child process) on fixture exercises.
/// Serialized: the shared build folder lets only one build run at a time anyway.
@Suite(.serialized)
struct RunnerTests {
    let catalog: Catalog

    init() throws {
        catalog = try Fixture.catalog
    }

    @Test func aFailingExerciseReportsEachCheckWithItsMessageAndTrace() async throws {
        let outcome = try await Fixture.runner().check(try catalog.exercise(id: "tally"))
        #expect(outcome.status == .failed)
        #expect(outcome.tests == [
            CheckResult(name: "an empty stream counts zero", passed: true),
            CheckResult(name: "two events count two", passed: false, message: "expected 2, got 0"),
        ])
        #expect(outcome.trace.map(\.title) == ["count []", "count [CheckedIn, CheckedOut]"])
        #expect(outcome.seconds > 0)
    }

    @Test func theSolutionPasses() async throws {
        let outcome = try await Fixture.runner().check(try catalog.exercise(id: "tally"), in: .solutions)
        #expect(outcome.status == .passed)
        #expect(outcome.tests.allSatisfy { $0.passed })
        #expect(outcome.tests.count == 2)
    }

    @Test func aCompileErrorComesWithItsDiagnosticAndSourceLine() async throws {
        let outcome = try await Fixture.runner().check(try catalog.exercise(id: "broken"))
        #expect(outcome.status == .compileError)
        let error = try #require(outcome.diagnostics.first { $0.severity == .error })
        #expect(error.file == "Exercises/Sources/Broken/Broken.swift")
        #expect(error.line == 3)
        #expect(error.column > 1)
        #expect(error.message.contains("String"))
        #expect(error.sourceLine == "    let rate: Int = \"12000\"")
        #expect(outcome.tests.isEmpty)
    }

    @Test func aBrokenExerciseNeverBlocksAHealthyOne() async throws {
        let runner = Fixture.runner()
        #expect(try await runner.check(try catalog.exercise(id: "broken")).status == .compileError)
        let healthy = try await runner.check(try catalog.exercise(id: "tally"))
        #expect(healthy.status == .failed)
        #expect(healthy.tests.count == 2)
    }

    @Test func aCrashKeepsTheChecksReportedBeforeIt() async throws {
        let outcome = try await Fixture.runner().check(try catalog.exercise(id: "crashing"))
        #expect(outcome.status == .crashed)
        #expect(outcome.tests.map(\.name) == ["a report line comes before the crash"])
        #expect(outcome.output.contains("Index out of range"))
        #expect(outcome.note?.contains("stopped before it finished") == true)
    }

    @Test func aHangIsStoppedAtTheTimeout() async throws {
        let started = ContinuousClock.now
        let outcome = try await Fixture.runner(runTimeout: .seconds(1)).check(try catalog.exercise(id: "hanging"))
        #expect(outcome.status == .timedOut)
        #expect(outcome.note?.contains("1 s") == true)
        #expect(ContinuousClock.now - started < .seconds(60))
    }

    @Test func floodingOutputIsCappedKeepingHeadAndTail() async throws {
        let outcome = try await Fixture.runner().check(try catalog.exercise(id: "flooding"))
        #expect(outcome.status == .failed)
        #expect(outcome.output.utf8.count < 17 * 1024)
        #expect(outcome.output.contains("closing line 0 of"))
        #expect(outcome.output.contains("closing line 199999 of"))
        #expect(outcome.output.contains("bytes of output dropped"))
        #expect(outcome.tests == [CheckResult(name: "the books close", passed: false, message: "The exercise's code threw NotClosed(), which the check did not expect.")])
    }

    @Test func theFirstEventIsCheckingAndTheLastIsTheOutcome() async throws {
        var events: [CheckEvent] = []
        for await event in Fixture.runner().events(for: try catalog.exercise(id: "tally"), in: .solutions) {
            events.append(event)
        }
        #expect(events.first == .checking(exercise: "tally", workspace: .solutions))
        #expect(events.dropFirst().first == .building)
        guard case .finished(let outcome) = events.last else {
            Issue.record("no outcome in \(events)")
            return
        }
        #expect(outcome.status == .passed)
    }

    @Test func cancellingACheckStopsItsChild() async throws {
        let runner = Fixture.runner(runTimeout: .seconds(60))
        let exercise = try catalog.exercise(id: "hanging")
        _ = try await runner.build(product: exercise.checkProduct, package: runner.paths.exercises, scratch: runner.scratch(for: .exercises))
        let started = ContinuousClock.now
        let task = Task { try await runner.check(exercise) }
        try await Task.sleep(for: .seconds(2))
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(ContinuousClock.now - started < .seconds(20))
    }

    // MARK: Full-size runs

    /// A sample store of `bytes` bytes in its own copy of the fixture (the fixture's full-size
    /// run counts the store's 1 KiB pages with the learner's tally).
    private func sampleStore(bytes: Int, in paths: ProjectPaths) throws -> URL {
        try FileManager.default.createDirectory(at: paths.state, withIntermediateDirectories: true)
        try Data(repeating: 7, count: bytes).write(to: paths.sampleStore)
        return paths.sampleStore
    }

    @Test func aFullSizeRunReportsProgressAndStepsWhileItRunsAndEndsAsOneTest() async throws {
        let store = try sampleStore(bytes: 200 * 1_024, in: Fixture.shared)
        defer { try? FileManager.default.removeItem(at: store) }
        let reported = Mutex<[ReportLine]>([])
        let outcome = try await Fixture.runner().fullSizeRun(try catalog.exercise(id: "tally"), in: .solutions) { event in
            if case .reported(let line) = event { reported.withLock { $0.append(line) } }
        }
        #expect(outcome.kind == .fullSize)
        #expect(outcome.status == .passed)
        #expect(outcome.tests == [CheckResult(name: "tally counts the sample store's pages", passed: true)])
        #expect(outcome.trace.map(\.title) == ["counted 50 of 200 pages", "counted 100 of 200 pages", "counted 150 of 200 pages", "counted 200 of 200 pages"])
        let lines = reported.withLock { $0 }
        let progress = lines.compactMap { line -> RunProgress? in if case .progress(let progress) = line { progress } else { nil } }
        #expect(progress.count == 20)
        #expect(progress.last == RunProgress(title: "counting pages", done: 200, total: 200, detail: "200 counted"))
        // Every step was passed on live too, the last ones included.
        #expect(lines.compactMap { line -> String? in if case .step(let step) = line { step.title } else { nil } } == outcome.trace.map(\.title))
    }

    @Test func theUntouchedExerciseFailsItsFullSizeRun() async throws {
        let store = try sampleStore(bytes: 30 * 1_024, in: Fixture.shared)
        defer { try? FileManager.default.removeItem(at: store) }
        let outcome = try await Fixture.runner().fullSizeRun(try catalog.exercise(id: "tally"))
        #expect(outcome.kind == .fullSize)
        #expect(outcome.status == .failed)
        #expect(outcome.tests.first?.message == "expected 30, got 0")
    }

    @Test func aReportReaderReturnsOnlyCompleteLines() throws {
        let url = FileManager.default.temporaryDirectory.appending(path: "report-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: url) }
        let first = try ReportLine.encoder.encode(ReportLine.progress(RunProgress(title: "a", done: 1, total: 2)))
        let second = try ReportLine.encoder.encode(ReportLine.end(passed: 1, failed: 0))
        try (first + Data([0x0A]) + second.prefix(5)).write(to: url)
        var reader = ReportReader(url: url)
        #expect(reader.readNewLines() == [.progress(RunProgress(title: "a", done: 1, total: 2))])
        #expect(reader.readNewLines() == [])
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: second.dropFirst(5) + Data([0x0A]))
        try handle.close()
        #expect(reader.readNewLines() == [.end(passed: 1, failed: 0)])
    }
}
