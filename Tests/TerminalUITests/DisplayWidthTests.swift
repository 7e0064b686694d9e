import Testing
import TerminalUI

@Suite("Display width of characters")
struct DisplayWidthTests {
    @Test(arguments: [
        ("a", 1), ("é", 1), ("e\u{301}", 1), ("世", 2), ("한", 2), ("カ", 2), ("Ａ", 2),
        ("😀", 2), ("🚀", 2), ("✅", 2), ("→", 1), ("─", 1), ("\u{301}", 0), ("\u{200B}", 0),
    ] as [(Character, Int)])
    func characterWidthsFollowWcwidth(character: Character, width: Int) {
        #expect(character.displayWidth == width)
    }

    @Test func stringWidthAddsUpCharacterWidths() {
        #expect("ab世界🎉".displayWidth == 8)
    }
}
