import CheckReport
import TerminalUI
import Testing
import WorkshopKit
@testable import WorkshopApp

@Suite("update")
struct UpdateTests {
    @Test func startingOpensTheFirstUnfinishedExerciseAndChecksIt() {
        var model = Model(catalog: Fixtures.catalog, marks: ["facts": .passed], size: Size(width: 100, height: 30))
        let commands = App.start(&model)
        #expect(model.currentID == "decider")
        #expect(commands == [
            .loadInstructions(exercise: "decider"), .watch(exercise: "decider"), .recordOpened(exercise: "decider"),
            .runCheck(exercise: "decider", workspace: .exercises),
        ])
    }

    @Test func keysAreTextWhileSearching() {
        #expect(Keymap.intent(for: .character("r"), mode: .normal) == .rerun)
        #expect(Keymap.intent(for: .character("r"), mode: .text) == .type("r"))
        #expect(Keymap.intent(for: .character("3"), mode: .normal) == .focus(.streams))
        #expect(Keymap.intent(for: .ctrl("c"), mode: .text) == .quit)
        #expect(Keymap.intent(for: .character("y"), mode: .confirmation) == .confirm)
    }

    @Test func checkingShowsAtOnceAndTheResultReplacesIt() {
        var model = Fixtures.model()
        _ = App.update(&model, .checkProgressed(.checking(exercise: "facts", workspace: .exercises)))
        #expect(model.activity == .checking(exercise: "facts", workspace: .exercises, phase: .starting))
        _ = App.update(&model, .checkProgressed(.building))
        #expect(model.activity == .checking(exercise: "facts", workspace: .exercises, phase: .building))
        let outcome = Fixtures.outcome(.passed)
        let commands = App.update(&model, .checkProgressed(.finished(outcome)))
        #expect(commands == [.recordOutcome(outcome)])
        #expect(model.activity == .idle)
        #expect(model.mark(of: "facts") == .passed)
        #expect(model.step == 1)
    }

    @Test func keysStillWorkWhileChecking() {
        var model = Fixtures.model()
        _ = App.update(&model, .checkProgressed(.checking(exercise: "facts", workspace: .exercises)))
        press(.tab, on: &model)
        #expect(model.focus == .tests)
        #expect(model.activity.isChecking)
    }

    @Test func nextMovesOnOnlyOncePassed() {
        var model = Fixtures.checked(.failed)
        #expect(press(.character("n"), on: &model) == [.bell])
        #expect(model.currentID == "facts")
        #expect(model.message?.contains("passes") == true)

        _ = App.update(&model, .checkProgressed(.finished(Fixtures.outcome(.passed))))
        let commands = press(.character("n"), on: &model)
        #expect(model.currentID == "decider")
        #expect(commands.contains(.runCheck(exercise: "decider", workspace: .exercises)))
    }

    @Test func savingAFileOfTheExerciseRerunsItsCheck() {
        var model = Fixtures.model()
        #expect(App.update(&model, .fileSaved(path: "Exercises/Sources/Facts/GuestStay.swift")) == [.runCheck(exercise: "facts", workspace: .exercises)])
        #expect(App.update(&model, .fileSaved(path: "Exercises/Sources/Decider/GuestStay.swift")) == [])
    }

    @Test func bracketsStepThroughTheTrace() {
        var model = Fixtures.checked()
        #expect(model.scenario?.step.title == "RecordCharge 100")
        press(.character("["), on: &model)
        #expect(model.step == 0)
        #expect(model.scenario?.events.map(\.eventType) == ["GuestCheckedIn"])
        #expect(press(.character("["), on: &model) == [.bell])
        press(.character("]"), on: &model)
        #expect(model.scenario?.appendedIDs == [Fixtures.charged.eventID])
        #expect(model.eventSelection.selected == 1)
    }

    @Test func theSolutionRunsWithoutCountingAsProgress() {
        var model = Fixtures.model()
        #expect(press(.character("s"), on: &model) == [.runCheck(exercise: "facts", workspace: .solutions)])
        let commands = App.update(&model, .checkProgressed(.finished(Fixtures.outcome(.passed, workspace: .solutions))))
        #expect(commands == [])
        #expect(model.mark(of: "facts") == .pending)
        #expect(model.outcome?.workspace == .solutions)
    }

    @Test func resetAsksFirst() {
        var model = Fixtures.model()
        #expect(press(.character("x"), on: &model) == [])
        #expect(model.overlay == .confirmReset(exercise: "facts"))
        #expect(press(.character("n"), on: &model) == [])
        #expect(model.overlay == nil)
        press(.character("x"), on: &model)
        #expect(press(.character("y"), on: &model) == [.resetExercise(exercise: "facts")])
        #expect(App.update(&model, .exerciseReset(exercise: "facts", error: nil)) == [.runCheck(exercise: "facts", workspace: .exercises)])
    }

    @Test func editOpensTheFileAtTheFirstCompilerError() {
        var model = Fixtures.model()
        #expect(press(.character("e"), on: &model) == [.openEditor(path: "Exercises/Sources/Facts/GuestStay.swift", line: nil)])
        var outcome = Fixtures.outcome(.compileError)
        outcome.diagnostics = [Diagnostic(file: "Exercises/Sources/Facts/GuestStay.swift", line: 12, column: 5, severity: .error, message: "cannot find 'x'")]
        _ = App.update(&model, .checkProgressed(.finished(outcome)))
        #expect(press(.character("e"), on: &model) == [.openEditor(path: "Exercises/Sources/Facts/GuestStay.swift", line: 12)])
    }

    @Test func hintsAreRevealedOneAtATimeAndRecorded() {
        var model = Fixtures.model()
        #expect(press(.character("h"), on: &model) == [.recordHint(exercise: "facts", level: 1)])
        #expect(press(.character("h"), on: &model) == [.recordHint(exercise: "facts", level: 2)])
        #expect(press(.character("h"), on: &model) == [])
        #expect(model.hintsShown == 2)
        #expect(model.message == "That was the last hint (2 of 2).")
    }

    @Test func revealedHintsAreShownAgainWhenTheExerciseIsReopened() {
        // As the progress store left them: two hints of facts seen in an earlier session.
        var model = Model(catalog: Fixtures.catalog, hintsRevealed: ["facts": 2, "decider": 7], size: Size(width: 100, height: 30))
        _ = App.start(&model)
        #expect(model.hintsShown == 2)
        #expect(PaneText.lines(.instructions, model, width: 60).map(\.plainText).contains("Hint 2 of 2"))
        _ = App.open("decider", in: &model)
        #expect(model.hintsShown == 1)   // never more than the exercise has
        _ = App.open("upcasting", in: &model)
        #expect(model.hintsShown == 0)
    }

    @Test func aHintRevealedNowIsShownAgainAfterMovingAway() {
        var model = Fixtures.model()
        press(.character("h"), on: &model)
        _ = App.open("decider", in: &model)
        #expect(model.hintsShown == 0)
        _ = App.open("facts", in: &model)
        #expect(model.hintsShown == 1)
    }

    @Test func zoomShowsOnlyTheFocusedPane() {
        var model = Fixtures.model()
        press(.character("2"), .character("z"), on: &model)
        let layout = ExerciseLayout(size: model.size, focus: model.focus, isZoomed: model.isZoomed)
        #expect(Array(layout.panes.keys) == [.tests])
        press(.escape, on: &model)
        #expect(!model.isZoomed)
    }

    @Test func theDiffLoadsAndEscapeGoesBack() {
        var model = Fixtures.model()
        #expect(press(.character("d"), on: &model) == [.loadDiff(exercise: "facts")])
        #expect(model.screen == .diff)
        press(.escape, on: &model)
        #expect(model.screen == .exercise)
    }

    @Test func theSampleStoreIsReadPageByPage() {
        var model = Fixtures.model()
        #expect(press(.character("b"), on: &model) == [.loadStorePage(.log(after: 0))])
        #expect(model.focus == .streams)
        let events = (1...Int64(StoreBrowser.pageSize)).map { Fixtures.event($0, "guest_stay-\($0 % 7)", 1, "ChargeRecorded", ["amount": 1]) }
        _ = App.update(&model, .storePageLoaded(StorePage(query: .log(after: 0), events: events, headPosition: 1_000_000)))
        #expect(model.browser?.page?.events.count == StoreBrowser.pageSize)
        press(.character("G"), on: &model)
        #expect(model.browser?.selection.selected == StoreBrowser.pageSize - 1)
        #expect(press(.character("j"), on: &model) == [.loadStorePage(.log(after: Int64(StoreBrowser.pageSize)))])
        // A page that arrives for an older request is ignored.
        _ = App.update(&model, .storePageLoaded(StorePage(query: .log(after: 0), events: [], headPosition: 0)))
        #expect(model.browser?.pending == .log(after: Int64(StoreBrowser.pageSize)))
        // Enter follows the selected event to its stream.
        #expect(press(.enter, on: &model) == [.loadStorePage(.stream("guest_stay-4", fromVersion: 1))])
    }

    @Test func searchScrollsToTheMatch() {
        var model = Fixtures.model(size: Size(width: 60, height: 18))
        press(.character("/"), on: &model)
        #expect(model.inputMode == .text)
        for character in "past" { press(.character(character), on: &model) }
        press(.enter, on: &model)
        #expect(model.inputMode == .normal)
        #expect(model.search.query == "past")
        let inner = ExerciseLayout(size: model.size, focus: .instructions, isZoomed: false).inner(.instructions)
        let lines = PaneText.lines(.instructions, model, width: inner.width).map(\.plainText)
        let offset = model.offsets[.instructions] ?? 0
        #expect(lines[offset...].first?.contains("past") == true || lines.count - inner.height == offset)
    }

    @Test func theListFiltersAndOpens() {
        var model = Fixtures.model()
        press(.character("l"), on: &model)
        #expect(model.screen == .list)
        press(.character("/"), .character("u"), .character("p"), .character("c"), .enter, on: &model)
        #expect(model.listedExercises.map(\.id) == ["upcasting"])
        let commands = press(.enter, on: &model)
        #expect(model.currentID == "upcasting")
        #expect(commands.first == .loadInstructions(exercise: "upcasting"))
    }

    @Test func quitFromAnywhere() {
        var model = Fixtures.model()
        press(.character("?"), on: &model)
        #expect(model.overlay == .help)
        #expect(press(.character("q"), on: &model) == [.quit])
        #expect(press(.ctrl("c"), on: &model) == [.quit])
    }
}
