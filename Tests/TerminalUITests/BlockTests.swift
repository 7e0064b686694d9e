import Testing
import TerminalUI

@Suite("Bordered blocks")
struct BlockTests {
    @Test func aBlockDrawsALightBorderWithItsTitle() {
        let grid = rendered(Block(title: "1 Events"), width: 16, height: 3)
        #expect(grid.text == """
            ┌ 1 Events ────┐
            │              │
            └──────────────┘
            """)
    }

    @Test func theFocusedBlockIsHeavyAndBold() {
        let grid = rendered(Block(title: "2 Checks", isFocused: true), width: 14, height: 3)
        #expect(grid.text == """
            ┏ 2 Checks ━━┓
            ┃            ┃
            ┗━━━━━━━━━━━━┛
            """)
        #expect(grid[2, 0].style.isBold)
    }

    @Test func asciiBlocksUsePlusMinusAndBar() {
        let grid = rendered(Block(title: "Log", glyphs: .ascii), width: 9, height: 3)
        #expect(grid.text == """
            + Log --+
            |       |
            +-------+
            """)
    }

    @Test func aFocusedAsciiBlockShowsFocusWithoutColour() {
        let grid = rendered(Block(title: "Log", isFocused: true, glyphs: .ascii), width: 9, height: 3)
        #expect(grid.lines[0] == "+ Log ==+")
        #expect(grid.lines[2] == "+=======+")
    }

    @Test func aLongTitleIsShortenedAndTheCornerStays() {
        let grid = rendered(Block(title: "Instructions for the exercise"), width: 14, height: 2)
        #expect(grid.lines[0] == "┌ Instructi… ┐")
    }

    @Test func theInnerAreaIsInsideTheBorder() {
        let block = Block(title: "x")
        #expect(block.inner(Rect(x: 2, y: 1, width: 10, height: 5)) == Rect(x: 3, y: 2, width: 8, height: 3))
    }

    @Test func contentDrawnInTheInnerAreaDoesNotTouchTheBorder() {
        var grid = Grid(size: Size(width: 8, height: 3))
        let block = Block(title: "A", glyphs: .ascii)
        grid.render(block, in: grid.area)
        grid.render(TextView(lines: ["a long line of text"]), in: block.inner(grid.area))
        #expect(grid.text == """
            + A ---+
            |a long|
            +------+
            """)
    }
}
