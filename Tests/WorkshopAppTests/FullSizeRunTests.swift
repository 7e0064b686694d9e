import CheckReport
import EventSourcing
import TerminalUI
import Testing
import WorkshopKit
@testable import WorkshopApp

/// `p`: the exercise's code on the seeded sample store, with its progress and steps live.
@Suite("full-size runs")
struct FullSizeRunTests {
    /// The fixture model on `facts`, which here has a full-size run.
    static func model() throws -> Model {
        var exercises = Fixtures.catalog.exercises
        exercises[0].fullSizeRun = "Rebuild over the seeded history."
        var model = Model(catalog: try Catalog(stages: Fixtures.catalog.stages, exercises: exercises), size: Size(width: 100, height: 30))
        _ = App.start(&model)
        _ = App.update(&model, .checkProgressed(.finished(Fixtures.outcome(.passed))))
        return model
    }

    static func step(_ title: String, lag: Int64) -> TraceStep {
        TraceStep(check: "deploy", title: title, appended: [Fixtures.charged], readModels: ["Rebuild": ["lag": .int(lag)]])
    }

    @Test func pRunsItAndPWithShiftRunsTheSolutions() throws {
        var model = try Self.model()
        #expect(press(.character("p"), on: &model) == [.runFullSize(exercise: "facts", workspace: .exercises)])
        #expect(press(.character("P"), on: &model) == [.runFullSize(exercise: "facts", workspace: .solutions)])
    }

    @Test func anExerciseWithoutOneSaysWhichHaveOne() throws {
        var model = try Self.model()
        _ = App.update(&model, .intent(.list))
        model.currentID = "decider"
        model.screen = .exercise
        #expect(press(.character("p"), on: &model) == [.bell])
        #expect(model.message == "decider has no full-size run; facts has one.")
    }

    @Test func progressAndStepsShowWhileItRunsAndTheOutcomeIsNotProgress() throws {
        var model = try Self.model()
        _ = App.update(&model, .fullSizeProgressed(.checking(exercise: "facts", workspace: .exercises)))
        _ = App.update(&model, .fullSizeProgressed(.running))
        #expect(model.activity == .checking(exercise: "facts", workspace: .exercises, phase: .running))
        // Until the run records a step, the panes keep the last check's scenario.
        #expect(model.trace == Fixtures.trace)

        let progress = RunProgress(title: "v2 rebuilding", done: 5_000, total: 10_000, detail: "lag 5000")
        _ = App.update(&model, .fullSizeProgressed(.reported(.progress(progress))))
        _ = App.update(&model, .fullSizeProgressed(.reported(.step(Self.step("tick 1", lag: 9_000)))))
        _ = App.update(&model, .fullSizeProgressed(.reported(.step(Self.step("tick 2", lag: 5_000)))))
        #expect(model.fullSize?.progress == progress)
        #expect(model.trace.map(\.title) == ["tick 1", "tick 2"])
        #expect(model.step == 1, "the panes follow the newest step")
        #expect(model.scenario?.readModels == ["Rebuild": ["lag": 5_000]])

        let text = PaneText.tests(model, width: 60).map(\.plainText).joined(separator: "\n")
        #expect(text.contains("Full-size run of facts… on the sample store"))
        #expect(text.contains("v2 rebuilding"))
        #expect(text.contains("50%"))
        #expect(text.contains("5 000 of 10 000"))
        #expect(text.contains("lag 5000"))

        let outcome = CheckOutcome(exercise: "facts", workspace: .exercises, status: .failed,
                                   tests: [CheckResult(name: "deploy", passed: false, message: "switched early")],
                                   trace: [Self.step("tick 1", lag: 9_000)], kind: .fullSize)
        let commands = App.update(&model, .fullSizeProgressed(.finished(outcome)))
        #expect(commands.isEmpty, "a full-size run is not recorded as progress")
        #expect(model.mark(of: "facts") == .passed, "nor does it change the exercise's mark")
        #expect(model.fullSize == nil)
        #expect(model.activity == .idle)
        #expect(model.outcome == outcome)
        let after = PaneText.tests(model, width: 100).map(\.plainText).joined(separator: "\n")
        #expect(after.contains("The full-size run failed"))
        #expect(after.contains("switched early"))
    }

    @Test func steppingBackIsKeptWhileNewStepsArrive() throws {
        var model = try Self.model()
        _ = App.update(&model, .fullSizeProgressed(.checking(exercise: "facts", workspace: .exercises)))
        for tick in 1...3 { _ = App.update(&model, .fullSizeProgressed(.reported(.step(Self.step("tick \(tick)", lag: 0))))) }
        press(.character("["), on: &model)
        #expect(model.step == 1)
        _ = App.update(&model, .fullSizeProgressed(.reported(.step(Self.step("tick 4", lag: 0)))))
        #expect(model.step == 1)
        #expect(model.trace.count == 4)
    }

    @Test func aCheckReplacesARunUnderWay() throws {
        var model = try Self.model()
        _ = App.update(&model, .fullSizeProgressed(.checking(exercise: "facts", workspace: .exercises)))
        _ = App.update(&model, .fullSizeProgressed(.reported(.step(Self.step("tick 1", lag: 0)))))
        _ = App.update(&model, .checkProgressed(.checking(exercise: "facts", workspace: .exercises)))
        #expect(model.fullSize == nil)
        #expect(model.trace == Fixtures.trace)
        // A late line of the cancelled run changes nothing.
        _ = App.update(&model, .fullSizeProgressed(.reported(.step(Self.step("tick 2", lag: 0)))))
        #expect(model.trace == Fixtures.trace)
    }

    @Test func longCountsAreGroupedInThousands() {
        #expect(grouped(0) == "0")
        #expect(grouped(999) == "999")
        #expect(grouped(1_000) == "1 000")
        #expect(grouped(1_234_567) == "1 234 567")
        #expect(grouped(-12_000) == "-12 000")
    }
}

/// A read model that is a list of strings (a causation tree) is shown as text, not as JSON.
@Suite("text read models")
struct TextReadModelTests {
    static func model(glyphs: Glyphs, steps: [[String]]) -> Model {
        var model = Model(catalog: Fixtures.catalog, size: Size(width: 100, height: 30), glyphs: glyphs)
        _ = App.start(&model)
        let trace = steps.enumerated().map { index, lines in
            TraceStep(check: "flow", title: "message \(index + 1)", readModels: ["Causation tree": .array(lines.map { .string($0) })])
        }
        _ = App.update(&model, .checkProgressed(.finished(CheckOutcome(exercise: "facts", workspace: .exercises, status: .passed, trace: trace))))
        return model
    }

    @Test func aListOfStringsIsDrawnAsItIsWithNewLinesMarked() {
        let model = Self.model(glyphs: .unicode, steps: [["command Initiate"], ["command Initiate", "└─ event Initiated"]])
        let text = PaneText.readModels(model, width: 60).map(\.plainText)
        #expect(text == ["Causation tree  changed at this step", "  command Initiate", "+ └─ event Initiated"])
    }

    @Test func asciiTerminalsGetTheTreeInAscii() {
        let model = Self.model(glyphs: .ascii, steps: [["command Initiate", "├─ event A", "│  └─ event B", "└─ event C"]])
        let text = PaneText.readModels(model, width: 60).map(\.plainText)
        #expect(text == ["Causation tree  new at this step", "  command Initiate", "  +- event A", "  |  `- event B", "  `- event C"])
    }
}
