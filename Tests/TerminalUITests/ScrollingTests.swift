import Testing
import TerminalUI

@Suite("Lists and tables keep the selection visible")
struct ScrollingTests {
    let items: [Line] = (0..<10).map { Line("item \($0)") }

    @Test func movingDownPastTheBottomScrollsByOne() {
        var state = ScrollState()
        for _ in 0..<5 { state.moveSelection(by: 1, itemCount: 10, viewportHeight: 3) }
        #expect(state.selected == 4)
        #expect(state.offset == 2)
        let grid = rendered(ListView(items: items, state: state), width: 8, height: 3)
        #expect(grid.text == "item 2\nitem 3\nitem 4")
        #expect(grid.styleMap == "\n\nrrrrrrrr")
    }

    @Test func movingUpAboveTheTopScrollsBack() {
        var state = ScrollState(selected: 5, offset: 4)
        state.moveSelection(by: -2, itemCount: 10, viewportHeight: 3)
        #expect(state.offset == 3)
    }

    @Test func aStaleOffsetStillShowsTheSelection() {
        let state = ScrollState(selected: 9, offset: 0)
        let grid = rendered(ListView(items: items, state: state), width: 8, height: 4)
        #expect(grid.lines.last == "item 9")
        #expect(grid.styleMap.split(separator: "\n").last == "rrrrrrrr")
    }

    @Test(arguments: [(-5, 0), (3, 3), (50, 9)])
    func selectionStopsAtTheEnds(delta: Int, expected: Int) {
        var state = ScrollState(selected: 0)
        state.moveSelection(by: delta, itemCount: 10, viewportHeight: 3)
        #expect(state.selected == expected)
    }

    @Test func firstAndLastSelectTheEnds() {
        var state = ScrollState(selected: 4)
        state.selectLast(itemCount: 10, viewportHeight: 4)
        #expect(state.selected == 9)
        #expect(state.offset == 6)
        state.selectFirst(itemCount: 10, viewportHeight: 4)
        #expect(state == ScrollState(selected: 0, offset: 0))
    }

    @Test func anOffsetBeyondTheEndIsPulledBackSoTheViewStaysFull() {
        let state = ScrollState(offset: 50)
        #expect(state.visibleOffset(itemCount: 10, viewportHeight: 4) == 6)
    }

    @Test func aListMarkerShowsTheSelectionInPlainText() {
        let grid = rendered(ListView(items: ["a", "b"], state: ScrollState(selected: 1), marker: "> "), width: 5, height: 2)
        #expect(grid.text == "  a\n> b")
    }

    @Test func aTableScrollsUnderItsHeader() {
        let rows: [[Line]] = (1...6).map { [Line("\($0)"), Line("Event\($0)")] }
        let table = TableView(
            columns: [TableColumn("#", width: .fixed(2), alignment: .trailing), TableColumn("Type")],
            rows: rows,
            state: ScrollState(selected: 4)
        )
        let grid = rendered(table, width: 12, height: 3)
        #expect(grid.text == """
             # Type
             4 Event4
             5 Event5
            """)
        #expect(grid.styleMap == "bbbbbbbbbbbb\n\nrrrrrrrrrrrr")
        #expect(TableView.viewportHeight(forAreaHeight: 3) == 2)
    }

    @Test func tableCellsAreClippedToTheirColumns() {
        let table = TableView(
            columns: [TableColumn("Stream", width: .fixed(6)), TableColumn("V", width: .fixed(2))],
            rows: [["guest_stay-42", "3"]]
        )
        #expect(rendered(table, width: 9, height: 2).text == "Stream V\nguest_ 3")
    }

    @Test(arguments: [(ScrollMove.by(-3), 2), (.by(2), 7), (.by(Int.max), 9), (.by(Int.min), 0), (.top, 0), (.bottom, 9)])
    func aMoveLandsInsideTheList(move: ScrollMove, expected: Int) {
        var state = ScrollState(selected: 5)
        state.apply(move, itemCount: 10, viewportHeight: 3)
        #expect(state.selected == expected)
        #expect(state.visibleOffset(itemCount: 10, viewportHeight: 3) <= expected)
    }

    @Test func aTextOffsetStopsWhereTheLastLineIsAtTheBottom() {
        #expect(ScrollMove.bottom.offset(from: 0, lineCount: 30, height: 10) == 20)
        #expect(ScrollMove.by(100).offset(from: 15, lineCount: 30, height: 10) == 20)
        #expect(ScrollMove.by(-100).offset(from: 15, lineCount: 30, height: 10) == 0)
        #expect(ScrollMove.by(1).offset(from: 0, lineCount: 5, height: 10) == 0)
    }
}
