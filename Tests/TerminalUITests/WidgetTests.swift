import Testing
import TerminalUI

@Suite("Tabs, gauges, status bars and the too-small screen")
struct WidgetTests {
    @Test func theSelectedTabIsReversed() {
        let grid = rendered(Tabs(titles: ["1 Task", "2 Log"], selected: 1, glyphs: .ascii), width: 20, height: 1)
        #expect(grid.text == " 1 Task | 2 Log")
        #expect(grid.styleMap == "        drrrrrrr")
    }

    @Test(arguments: [(0.0, "M1 ---------- 0%"), (0.5, "M1 #####----- 50%"), (1.0, "M1 ########## 100%"), (7.0, "M1 ########## 100%")])
    func aGaugeFillsInProportion(ratio: Double, expected: String) {
        let width = expected.count
        let gauge = Gauge(ratio: ratio, label: "M1", glyphs: .ascii)
        let text = rendered(gauge, width: width, height: 1).text
        #expect(text.hasPrefix("M1 "))
        #expect(text.hasSuffix(expected.split(separator: " ").last.map(String.init) ?? ""))
        let bar = text.split(separator: " ")[1]
        let filled = bar.filter { $0 == "#" }.count
        #expect(Double(filled) == (Double(bar.count) * min(1, ratio)).rounded(.down))
    }

    @Test func aGaugeAt60PercentReadsAsText() {
        #expect(rendered(Gauge(ratio: 0.6, label: "Stage 2"), width: 22, height: 1).text == "Stage 2 ██████░░░░ 60%")
    }

    @Test func theStatusBarShowsHintsAndAMessage() {
        let bar = StatusBar(hints: [KeyHint("q", "quit"), KeyHint("?", "help")], message: "Checking M2…")
        let grid = rendered(bar, width: 32, height: 1)
        #expect(grid.text == "q quit  ? help      Checking M2…")
        #expect(grid.styleMap == "b       b")
    }

    @Test func hintsThatDoNotFitAreDroppedWhole() {
        let bar = StatusBar(hints: [KeyHint("q", "quit"), KeyHint("?", "help"), KeyHint("r", "re-run")])
        #expect(rendered(bar, width: 18, height: 1).text == "q quit  ? help")
    }

    @Test func theMessageIsShortenedBeforeHintsAreDropped() {
        let bar = StatusBar(hints: [KeyHint("q", "quit")], message: "a rather long message", glyphs: .ascii)
        #expect(rendered(bar, width: 20, height: 1).text == "q quit   a rather...")
    }

    @Test func aTooSmallTerminalGetsACentredMessage() {
        let grid = TerminalTooSmall.screen(size: Size(width: 40, height: 7), minimum: Size(width: 80, height: 24))
        #expect(grid.text == """


                       Terminal too small
                     Need 80x24, have 40x7.
            Enlarge the window, or press q to quit.


            """)
    }

    @Test func aVeryNarrowTerminalStillGetsTheMessageWrapped() {
        let grid = TerminalTooSmall.screen(size: Size(width: 12, height: 8), minimum: Size(width: 80, height: 24))
        #expect(grid.lines.contains("Terminal too"))
        #expect(grid.lines.allSatisfy { $0.displayWidth <= 12 })
    }

    @Test func sizesCompareInBothDirections() {
        let minimum = Size(width: 80, height: 24)
        #expect(Size(width: 80, height: 24).isAtLeast(minimum))
        #expect(!Size(width: 100, height: 23).isAtLeast(minimum))
        #expect(!Size(width: 79, height: 40).isAtLeast(minimum))
    }

    @Test func rectanglesSplitByConstraints() {
        let area = Rect(x: 0, y: 0, width: 10, height: 24)
        #expect(area.splitRows([.fill, .fixed(1)]).map(\.height) == [23, 1])
        #expect(area.splitColumns([.percent(30), .fill, .fill]).map(\.width) == [3, 4, 3])
        #expect(area.splitColumns([.fixed(8), .fixed(8)]).map(\.width) == [8, 2])
    }
}
