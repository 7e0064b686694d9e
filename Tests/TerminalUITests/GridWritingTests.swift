import Testing
import TerminalUI

@Suite("Writing text into a grid")
struct GridWritingTests {
    @Test func plainTextIsClippedAtTheRightEdge() {
        #expect(written("Hello, world", width: 5).text == "Hello")
    }

    @Test func textIsClippedToTheGivenRectangle() {
        let grid = written("abcdefgh", width: 10, at: 2, clip: Rect(x: 3, y: 0, width: 4, height: 1))
        #expect(grid.text == "   bcde")
    }

    @Test func wideCharactersTakeTwoCells() {
        let grid = written("世界!", width: 10)
        #expect(grid[0, 0].symbol == "世")
        #expect(grid[1, 0].isContinuation)
        #expect(grid[2, 0].symbol == "界")
        #expect(grid[4, 0].symbol == "!")
        #expect(grid.text == "世界!")
    }

    @Test func cellsKeepAnyGraphemeAndItsWidth() {
        #expect(Cell("a").symbol == "a" && Cell("a").width == 1 && Cell("a").scalar == "a")
        #expect(Cell("世").symbol == "世" && Cell("世").width == 2)
        #expect(Cell("").isContinuation && Cell("").symbol == "" && Cell("").width == 0)
        // Multi-scalar graphemes: a combining mark, a flag, a family emoji.
        for grapheme in ["e\u{301}", "🇫🇷", "👩\u{200D}👩\u{200D}👧"] {
            let cell = Cell(grapheme, style: .bold)
            #expect(cell.symbol.unicodeScalars.elementsEqual(grapheme.unicodeScalars))
            #expect(cell.scalar == nil)
            #expect(cell == Cell(grapheme, style: .bold))
            #expect(cell != Cell("e", style: .bold))
        }
        var cell = Cell("x")
        cell.symbol = "界"
        #expect(cell.width == 2 && cell.symbol == "界")
    }

    @Test func symbolsAndBoxDrawingTakeOneCellEach() {
        let grid = written("┌─ “Tally” → ½ ⌚x\tß", width: 30)
        #expect(grid.text == "┌─ “Tally” → ½ ⌚x      ß")
        #expect(grid[15, 0].symbol == "⌚" && grid[16, 0].isContinuation && grid[24, 0].symbol == "ß")
        // A mark after a symbol stays with it, as in any other text.
        let marked = written("→\u{20D7}x", width: 4)
        #expect(marked[0, 0].symbol == "→\u{20D7}" && marked[1, 0].symbol == "x")
    }

    @Test func fillingOverHalfAWideCharacterBlanksItsOtherHalf() {
        var grid = written("世界世", width: 6)
        grid.fill(Rect(x: 1, y: 0, width: 2, height: 1), with: Cell("-"))
        #expect(grid.text == " -- 世")
        #expect(grid[0, 0] == Cell(" ") && grid[3, 0] == Cell(" "))
        grid.fill(Rect(x: 4, y: 0, width: 1, height: 1), with: Cell("|"))
        #expect(grid.text == " -- |")
        #expect(grid[5, 0] == Cell(" "))
    }

    @Test func aWideCharacterThatWouldCrossTheRightEdgeIsNotSplit() {
        let grid = written("ab世", width: 3)
        #expect(grid[2, 0] == Cell(" "))
        #expect(grid.text == "ab")
    }

    @Test func aWideCharacterIsNotSplitAtAPaneEdgeInsideTheGrid() {
        var grid = Grid(size: Size(width: 8, height: 1))
        grid.write("界界界", at: .zero, clip: Rect(x: 0, y: 0, width: 5, height: 1))
        grid.write("|", at: Point(x: 5, y: 0))
        #expect(grid.text == "界界 |")
    }

    @Test func emojiCountTwoCellsAndAreClippedWhole() {
        #expect(written("🎉🎉", width: 3).text == "🎉")
        #expect(Character("🎉").displayWidth == 2)
    }

    @Test func tabsExpandToTheNextStopCountedFromTheWritesStart() {
        let grid = written("a\tb\tc", width: 20, at: 2)
        #expect(grid.text == "  a       b       c")
    }

    @Test func aTabAtThePaneEdgeStopsAtTheEdge() {
        var grid = Grid(size: Size(width: 10, height: 1), filling: Cell("."))
        grid.write("abc\tdef", at: .zero, clip: Rect(x: 0, y: 0, width: 6, height: 1))
        #expect(grid.text == "abc   ....")
    }

    @Test func combiningMarksStayWithTheirBase() {
        let grid = written("e\u{301}x", width: 5)
        #expect(grid[0, 0].symbol == "e\u{301}")
        #expect(grid[1, 0].symbol == "x")
    }

    @Test func aStrayCombiningMarkJoinsThePreviousCell() {
        var grid = Grid(size: Size(width: 5, height: 1))
        grid.write(Line([Span("a"), Span("\u{301}b")]), at: .zero)
        #expect(grid[0, 0].symbol == "a\u{301}")
        #expect(grid[1, 0].symbol == "b")
    }

    @Test(arguments: ["\u{1B}", "\u{7}", "\r", "\n", "\u{7F}", "\u{85}"])
    func controlCharactersAreReplaced(control: String) {
        #expect(written("a\(control)b", width: 5).text == "a?b")
    }

    @Test func overwritingHalfOfAWideCharacterBlanksTheOtherHalf() {
        var grid = Grid(size: Size(width: 6, height: 1))
        grid.write("世界", at: .zero)
        grid.write("x", at: Point(x: 1, y: 0))
        #expect(grid.text == " x界")
        grid.write("y", at: Point(x: 2, y: 0))
        #expect(grid.text == " xy")
        #expect(grid[3, 0] == Cell(" "))
    }

    @Test func writingReturnsTheColumnAfterTheText() {
        var grid = Grid(size: Size(width: 10, height: 1))
        #expect(grid.write("ab世", at: Point(x: 1, y: 0)) == 5)
    }

    @Test func writesOutsideTheGridAreIgnored() {
        var grid = Grid(size: Size(width: 3, height: 1))
        grid.write("abc", at: Point(x: 0, y: 1))
        grid.write("abc", at: Point(x: -2, y: 0))
        #expect(grid.text == "c")
    }

    @Test func styledSpansKeepTheirStyles() {
        var grid = Grid(size: Size(width: 6, height: 1))
        grid.write(Line([Span("ab", style: .bold), Span("cd", style: .reversed)]), at: .zero)
        #expect(grid.styleMap == "bbrr")
    }
}
