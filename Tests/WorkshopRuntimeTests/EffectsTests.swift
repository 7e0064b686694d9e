import EventSourcing
import Foundation
import Testing
import WorkshopApp
import WorkshopKit
@testable import WorkshopRuntime

/// The real effects on a copy of the fixture workspace: checks built and run in child
/// processes, files restored and read, progress recorded in a real store.
@Suite(.serialized)
struct EffectsTests {
    let paths: ProjectPaths
    let catalog: Catalog
    let progress: WorkshopProgress
    let effects: WorkshopEffects

    init() throws {
        paths = try Fixture.project()
        catalog = try Catalog.load(from: paths.manifest)
        progress = WorkshopProgress(store: InMemoryEventStore())
        effects = WorkshopEffects(
            paths: paths, catalog: catalog, runner: Fixture.runner(paths), progress: progress,
            pristine: try PristineFiles.load(from: Fixture.source.appending(path: "Exercises")), watchMode: .automatic)
    }

    @Test func aCheckAnswersCheckingThenItsOutcome() async throws {
        let answers = Answers()
        effects.perform(.runCheck(exercise: "tally", workspace: .exercises), send: answers.send)
        let messages = await answers.until { if case .checkProgressed(.finished) = $0 { true } else { false } }
        #expect(messages.first == .checkProgressed(.checking(exercise: "tally", workspace: .exercises)))
        guard case .checkProgressed(.finished(let outcome)) = messages.last else {
            Issue.record("no outcome in \(messages)")
            return
        }
        #expect(outcome.status == .failed)
        #expect(outcome.tests.map(\.passed) == [true, false])
        await effects.shutdown()
    }

    @Test func resettingRestoresTheFilesAndRecordsIt() async throws {
        let file = paths.exercises.appending(path: "Sources/Tally/Tally.swift")
        let pristine = try String(contentsOf: file, encoding: .utf8)
        try "// edited by the learner\n".write(to: file, atomically: true, encoding: .utf8)
        let answers = Answers()
        effects.perform(.resetExercise(exercise: "tally"), send: answers.send)
        let messages = await answers.until { if case .exerciseReset = $0 { true } else { false } }
        #expect(messages == [.exerciseReset(exercise: "tally", error: nil)])
        #expect(try String(contentsOf: file, encoding: .utf8) == pristine)
        let events = try progress.store.readStream(ProgressEvent.streamID(exercise: "tally"))
        #expect(events.map(\.eventType) == ["ExerciseReset"])
    }

    @Test func theDiffHoldsTheExerciseBesideTheSolution() async throws {
        let answers = Answers()
        effects.perform(.loadDiff(exercise: "tally"), send: answers.send)
        let messages = await answers.until { if case .diffLoaded = $0 { true } else { false } }
        guard case .diffLoaded(let document) = messages.last, let file = document.files.first else {
            Issue.record("no diff in \(messages)")
            return
        }
        #expect(file.path == "Exercises/Sources/Tally/Tally.swift")
        #expect(file.exercise == (try String(contentsOf: paths.exercises.appending(path: "Sources/Tally/Tally.swift"), encoding: .utf8)))
        #expect(file.solution == (try String(contentsOf: paths.solutions.appending(path: "Sources/Tally/Tally.swift"), encoding: .utf8)))
        #expect(file.exercise != file.solution)
    }

    @Test func anUnknownExerciseIsAnsweredWithASentence() async throws {
        let answers = Answers()
        effects.perform(.loadDiff(exercise: "no-such-exercise"), send: answers.send)
        let messages = await answers.until { _ in true }
        guard case .failed(let sentence) = messages.first else {
            Issue.record("expected a failure, got \(messages)")
            return
        }
        #expect(sentence.contains("no-such-exercise"))
    }

    @Test func browsingWithoutASampleStoreSaysHowToMakeOne() async throws {
        let answers = Answers()
        effects.perform(.loadStorePage(.log(after: 0)), send: answers.send)
        let messages = await answers.until { _ in true }
        guard case .storeUnavailable(let sentence) = messages.first else {
            Issue.record("expected the store to be unavailable, got \(messages)")
            return
        }
        #expect(sentence.contains("workshop seed"))
    }
}
