import EventSourcing
import Foundation
import Testing
@testable import WorkshopKit

struct ProgressTests {
    static func outcome(_ id: String, _ status: CheckStatus, _ workspace: Workspace = .exercises) -> CheckOutcome {
        CheckOutcome(exercise: id, workspace: workspace, status: status)
    }

    @Test func checksHintsAndResetsFoldIntoTheListStatuses() throws {
        let catalog = try Fixture.catalog
        let progress = WorkshopProgress(store: InMemoryEventStore())
        #expect(try progress.summary().resume(in: catalog)?.id == "tally")

        try progress.open("tally")
        try progress.recordCheck(Self.outcome("tally", .failed))
        #expect(try progress.summary().progress(of: "tally").status == .failed)
        try progress.recordCheck(Self.outcome("tally", .passed))
        try progress.recordCheck(Self.outcome("broken", .passed, .solutions))
        #expect(try progress.revealHint(of: try catalog.exercise(id: "tally")) == 1)
        #expect(try progress.revealHint(of: try catalog.exercise(id: "tally")) == 2)
        #expect(try progress.revealHint(of: try catalog.exercise(id: "tally")) == 2)

        var summary = try progress.summary()
        #expect(summary.current == "tally")
        #expect(summary.progress(of: "tally") == {
            var expected = ExerciseProgress()
            expected.status = .passed
            expected.lastCheck = .passed
            expected.completed = true
            expected.hintsRevealed = 2
            return expected
        }())
        #expect(summary.progress(of: "broken").status == .pending)  // solutions are not progress
        #expect(summary.resume(in: catalog)?.id == "broken")

        try progress.reset("tally")
        summary = try progress.summary()
        #expect(summary.progress(of: "tally").status == .pending)
        #expect(summary.progress(of: "tally").hintsRevealed == 0)
        #expect(summary.resume(in: catalog)?.id == "tally")
    }

    @Test func completionIsRecordedOncePerPass() throws {
        let store = InMemoryEventStore()
        let progress = WorkshopProgress(store: store)
        try progress.recordCheck(Self.outcome("tally", .passed))
        try progress.recordCheck(Self.outcome("tally", .passed))
        let types = try store.readStream("exercise-tally").map(\.eventType)
        #expect(types == ["CheckRan", "ExerciseCompleted", "CheckRan"])
    }

    @Test func progressSurvivesReopeningTheSQLiteFile() throws {
        let paths = try Fixture.copy()
        let (first, notice) = WorkshopProgress.open(paths: paths)
        #expect(notice?.contains("starting fresh") == true)
        try first.recordCheck(Self.outcome("tally", .passed))
        let (second, secondNotice) = WorkshopProgress.open(paths: paths)
        #expect(secondNotice == nil)
        #expect(try second.summary().progress(of: "tally").completed)
    }

    @Test func aCorruptFileIsMovedAsideAndProgressStartsFresh() throws {
        let paths = try Fixture.copy()
        try FileManager.default.createDirectory(at: paths.state, withIntermediateDirectories: true)
        let garbage = Data(repeating: 0x42, count: 8192)
        try garbage.write(to: paths.progressStore)
        let (progress, notice) = WorkshopProgress.open(paths: paths, now: Date(timeIntervalSince1970: 0))
        #expect(notice?.contains("moved to .workshop/progress.sqlite.broken-1970-01-01T000000Z") == true)
        #expect(try progress.summary().exercises.isEmpty)
        try progress.recordCheck(Self.outcome("tally", .failed))
        let kept = try Data(contentsOf: paths.state.appending(path: "progress.sqlite.broken-1970-01-01T000000Z"))
        #expect(kept == garbage)
        #expect(try WorkshopProgress.open(paths: paths).progress.summary().progress(of: "tally").status == .failed)
    }

    @Test func unreadableEventsCountAsCorrupt() throws {
        let paths = try Fixture.copy()
        do {
            let (progress, _) = WorkshopProgress.open(paths: paths)
            try progress.store.append(to: "exercise-x", events: [EventData(eventType: "CheckRan", data: Data("{}".utf8))])
        }
        let (progress, notice) = WorkshopProgress.open(paths: paths)
        #expect(notice?.contains("could not be read") == true)
        #expect(try progress.summary().exercises.isEmpty)
    }
}
