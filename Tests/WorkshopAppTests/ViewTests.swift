import EventSourcing
import TerminalUI
import Testing
import WorkshopKit
@testable import WorkshopApp

@Suite("views")
struct ViewTests {
    @Test func belowTheMinimumSizeTheScreenSaysSo() {
        var model = Fixtures.model()
        _ = App.update(&model, .resized(Size(width: 50, height: 15)))
        let text = App.view(model).text
        #expect(text.contains("Terminal too small"))
        _ = App.update(&model, .resized(Size(width: 100, height: 30)))
        #expect(App.view(model).text.contains("1 Instructions"))
    }

    @Test func theTestsPaneShowsExpectedAgainstActual() {
        let model = Fixtures.checked(.failed)
        let lines = PaneText.tests(model, width: 40).map(\.plainText)
        #expect(lines == [
            "✘ 1 of 2 checks failed  1.2 s",
            "",
            "✔ checking in opens the stay",
            "✘ a charge lowers the balance",
            "    expected balance -100",
            "    actual balance 0",
        ])
    }

    @Test func compilerDiagnosticsShowTheOffendingLine() {
        var model = Fixtures.model()
        var outcome = Fixtures.outcome(.compileError)
        outcome.tests = []
        outcome.diagnostics = [Diagnostic(file: "Exercises/Sources/Facts/GuestStay.swift", line: 12, column: 9, severity: .error,
                                          message: "cannot find 'balanse' in scope", sourceLine: "    state.balanse -= 1")]
        _ = App.update(&model, .checkProgressed(.finished(outcome)))
        let lines = PaneText.tests(model, width: 60).map(\.plainText)
        #expect(lines.contains("error: Exercises/Sources/Facts/GuestStay.swift:12:9"))
        #expect(lines.contains("  12 │     state.balanse -= 1"))
        #expect(lines.contains("     │         ^"))
    }

    @Test func readModelsOfFlatObjectsAreTablesWithNewRowsMarked() {
        let model = Fixtures.checked()
        let lines = PaneText.readModels(model, width: 50).map(\.plainText)
        #expect(lines == [
            "open_stays  changed at this step",
            "  stayId  balance",
            "+ 1       -100",
        ])
    }

    @Test func otherReadModelsArePrettyJSON() {
        #expect(ReadModelTable(["count": 3]) == nil)
        #expect(PaneText.jsonLines(["count": 3], previous: nil).map(\.plainText) == ["{", "  \"count\" : 3", "}"])
    }

    @Test func theLineDiffKeepsCommonLines() {
        #expect(LineDiff.lines(from: "a\nb\nc\n", to: "a\nx\nc\n") == [.same("a"), .removed("b"), .added("x"), .same("c")])
        let long = (1...20).map(String.init).joined(separator: "\n")
        let changed = long.replacingOccurrences(of: "\n10\n", with: "\nten\n")
        let condensed = LineDiff.condensed(LineDiff.lines(from: long, to: changed))
        #expect(condensed.first == .skipped(6))
        #expect(condensed.contains(.removed("10")))
        #expect(condensed.last == .skipped(7))
    }

    @Test func theExerciseScreen() {
        let model = Fixtures.checked(.failed)
        expectSnapshot(App.view(model).text, """
             Modelling › Facts, not updates  (facts, 1 of 3)                                           ✘ failed
            ┏ 1 Instructions ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓┌ 3 Streams · step 2/2 ──────────────────────────┐
            ┃Facts, not updates                              ┃│All events  2 │      #    v Type                │
            ┃                                                ┃│+ guest_stay-1│      1    1 GuestCheckedIn      │
            ┃An event is a fact: something that happened. The┃│              │     +2    2 ChargeRecorded      │
            ┃state is computed by evolve.                    ┃│              │                                 │
            ┃                                                ┃│              │                                 │
            ┃• one event per fact                            ┃│              │                                 │
            ┃• past tense                                    ┃│              │─────────────────────────────────│
            ┃                                                ┃│              │Step 2 of 2: RecordCharge 100    │
            ┃                                                ┃│              │ChargeRecorded  guest_stay-1 v2 #│
            ┃                                                ┃│              │id 00000000  correlation corr-123│
            ┃                                                ┃│              │{                                │
            ┃                                                ┃│              │  "amount" : 100,                │
            ┃                                                ┃│              │  "stayId" : "1"                 │
            ┃                                                ┃└────────────────────────────────────────────────┘
            ┃                                                ┃┌ 4 Read models · step 2/2 ──────────────────────┐
            ┗━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛│open_stays  changed at this step                │
            ┌ 2 Tests · 1/2 passed ──────────────────────────┐│  stayId  balance                               │
            │✘ 1 of 2 checks failed  1.2 s                   ││+ 1       -100                                  │
            │                                                ││                                                │
            │✔ checking in opens the stay                    ││                                                │
            │✘ a charge lowers the balance                   ││                                                │
            │    expected balance -100                       ││                                                │
            │    actual balance 0                            ││                                                │
            │                                                ││                                                │
            │                                                ││                                                │
            │                                                ││                                                │
            └────────────────────────────────────────────────┘└────────────────────────────────────────────────┘
            ? help  q quit  ↑↓ scroll  h hint  e edit  r re-run  Tab pane  z zoom
            """, named: "exercise-100x30")
    }

    @Test func asciiAndHelp() {
        var model = Model(catalog: Fixtures.catalog, size: Size(width: 60, height: 34), glyphs: .ascii)
        _ = App.start(&model)
        _ = App.update(&model, .intent(.help))
        let text = App.view(model).text
        #expect(text.contains("+ Keys ="))
        #expect(text.contains("s           run against the solution"))
        #expect(!text.contains("┌"))
    }

    @Test func underAsciiTheStatusBarIsAsciiToo() {
        var model = Model(catalog: Fixtures.catalog, size: Size(width: 160, height: 30), glyphs: .ascii)
        _ = App.start(&model)
        _ = App.update(&model, .instructionsLoaded(exercise: model.currentID, text: Fixtures.instructions))
        let status = { (model: Model) in String(App.view(model).text.split(separator: "\n", omittingEmptySubsequences: false).last ?? "") }
        #expect(status(model).contains("up/down scroll"))
        _ = App.update(&model, .intent(.focus(.streams)))
        #expect(status(model).contains("left/right streams/events"))
        _ = App.update(&model, .intent(.startSearch))
        #expect(status(model).contains("Enter search 3 Streams - Esc cancel"))
        let searching = status(model)
        #expect(searching.unicodeScalars.allSatisfy { $0.isASCII }, "\(searching)")
        _ = App.update(&model, .intent(.type("x")))
        _ = App.update(&model, .intent(.select))
        #expect(status(model).contains("No match for \"x\" in 3 Streams."))
        let found = status(model)
        #expect(found.unicodeScalars.allSatisfy { $0.isASCII }, "\(found)")
        var unicode = model
        unicode.glyphs = .unicode
        #expect(status(unicode).contains("No match for \u{201C}x\u{201D} in 3 Streams."))
    }

    @Test func theListShowsStagesMarksAndTheCurrentExercise() {
        var model = Fixtures.model(marks: ["facts": .passed, "decider": .failed])
        _ = App.update(&model, .intent(.list))
        let lines = App.view(model).text.split(separator: "\n").map(String.init)
        #expect(lines[1].contains("1 of 3 passed"))
        #expect(lines[3].hasPrefix("┃1 Modelling"))
        #expect(lines[4].hasPrefix("┃   ✔ facts      Facts, not updates"))
        #expect(lines[5].hasPrefix("┃ ▸ ✘ decider    The decider"))
        #expect(lines[6].hasPrefix("┃2 Versioning"))
        #expect(lines[7].hasPrefix("┃   · upcasting"))
    }

    @Test func theStoreBrowserShowsTheSelectedRowOfALongPage() {
        var model = Fixtures.model(size: Size(width: 160, height: 40))
        _ = App.update(&model, .intent(.browseStore))
        let events = (1...Int64(StoreBrowser.pageSize)).map { Fixtures.event($0, "guest_stay-\($0)", 1, "Event\($0)", ["n": .int($0)]) }
        _ = App.update(&model, .storePageLoaded(StorePage(query: .log(after: 0), events: events, headPosition: 1_000_000)))
        _ = App.update(&model, .intent(.bottom))
        let text = App.view(model).text
        #expect(text.contains("Event200"))
        #expect(text.contains("\"n\" : 200"))
        #expect(!text.contains("Event1 "))
        #expect(text.contains("1,000,000 events"))
    }
}
