import EventSourcing
import EventSourcingTesting
import Foundation
import Testing
@testable import WorkshopKit

/// Progress is a decider like the ones the workshop teaches: what each command records, and
/// that a command that changes nothing records nothing.
struct ProgressDeciderTests {
    let spec = DeciderSpec(ProgressDecider.decider)

    @Test func openingTheExerciseAlreadyOpenRecordsNothing() throws {
        try spec.given([]).when(.open(exercise: "facts", current: "facts")).then([])
        try spec.given([]).when(.open(exercise: "facts", current: "decider"))
            .then([.exerciseOpened(ExerciseOpened(exercise: "facts"))])
        try spec.given([]).when(.open(exercise: "facts", current: nil))
            .then([.exerciseOpened(ExerciseOpened(exercise: "facts"))])
    }

    @Test func theFirstPassCompletesTheExerciseAndLaterPassesOnlyCount() throws {
        let passed = ProgressEvent.checkRan(CheckRan(exercise: "facts", status: .passed, seconds: 1))
        try spec.given([]).when(.recordCheck(CheckRan(exercise: "facts", status: .passed, seconds: 1)))
            .then([passed, .exerciseCompleted(ExerciseCompleted(exercise: "facts"))])
        try spec.given([passed, .exerciseCompleted(ExerciseCompleted(exercise: "facts"))])
            .when(.recordCheck(CheckRan(exercise: "facts", status: .passed, seconds: 1))).then([passed])
        try spec.given([]).when(.recordCheck(CheckRan(exercise: "facts", status: .compileError)))
            .then([.checkRan(CheckRan(exercise: "facts", status: .compileError))])
    }

    @Test func aHintAlreadyShownRecordsNothing() throws {
        let second = ProgressEvent.hintRevealed(HintRevealed(exercise: "facts", level: 2))
        try spec.given([]).when(.revealHint(exercise: "facts", level: nil, hintCount: 3))
            .then([.hintRevealed(HintRevealed(exercise: "facts", level: 1))])
        try spec.given([second]).when(.revealHint(exercise: "facts", level: 1, hintCount: 3)).then([])
        try spec.given([second]).when(.revealHint(exercise: "facts", level: 9, hintCount: 3))
            .then([.hintRevealed(HintRevealed(exercise: "facts", level: 3))])
        try spec.given([]).when(.revealHint(exercise: "facts", level: nil, hintCount: 0)).then([])
    }

    @Test func resettingAnUntouchedExerciseRecordsNothing() throws {
        try spec.given([]).when(.reset(exercise: "facts")).then([])
        try spec.given([.exerciseOpened(ExerciseOpened(exercise: "facts"))]).when(.reset(exercise: "facts")).then([])
        try spec.given([.hintRevealed(HintRevealed(exercise: "facts", level: 1))]).when(.reset(exercise: "facts"))
            .then([.exerciseReset(ExerciseReset(exercise: "facts"))])
    }

    @Test func twoWorkshopProcessesOnOneFileKeepEveryCheckAndCompleteOnce() throws {
        let paths = try Fixture.copy()
        let first = WorkshopProgress.open(paths: paths).progress
        let second = WorkshopProgress.open(paths: paths).progress
        try first.recordCheck(ProgressTests.outcome("tally", .failed))
        // The second process appends after the first's append: its exact expected version is
        // read from the file, not remembered.
        try second.recordCheck(ProgressTests.outcome("tally", .passed))
        try first.recordCheck(ProgressTests.outcome("tally", .passed))
        let recorded = try first.store.readStream(ProgressEvent.streamID(exercise: "tally"))
        #expect(recorded.map(\.eventType) == ["CheckRan", "CheckRan", "ExerciseCompleted", "CheckRan"])
        #expect(recorded.map(\.streamVersion) == [1, 2, 3, 4])
    }
}
