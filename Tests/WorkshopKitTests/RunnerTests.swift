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
        #expect(outcome.tests == [CheckResult(name: "the books close", passed: false, message: "NotClosed()")])
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
}
