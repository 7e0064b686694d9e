import Testing
import TerminalUI

@Suite("Text views")
struct TextViewTests {
    let lines: [Line] = ["one", "two", "three", "four", "five"]

    @Test func theOffsetPicksTheFirstLineShown() {
        #expect(rendered(TextView(lines: lines, offset: 2), width: 6, height: 2).text == "three\nfour")
    }

    @Test func scrollingPastTheEndShowsTheLastFullPage() {
        let view = TextView(lines: lines, offset: 99)
        #expect(rendered(view, width: 6, height: 2).text == "four\nfive")
        #expect(view.maxOffset(in: Size(width: 6, height: 2)) == 3)
    }

    @Test func unwrappedLinesAreClipped() {
        #expect(rendered(TextView(lines: ["a long line"]), width: 6, height: 2).text == "a long\n")
    }

    @Test func wrappedLinesBreakAtWordsAndKeepBlankLines() {
        let view = TextView(lines: ["a long line", "", "end"], wrap: true)
        #expect(rendered(view, width: 6, height: 4).text == "a long\nline\n\nend")
        #expect(view.maxOffset(in: Size(width: 6, height: 2)) == 2)
    }

    @Test func aWordLongerThanTheWidthIsCut() {
        let wrapped = Line("abcdefghij xy").wrapped(width: 4)
        #expect(wrapped.map(\.plainText) == ["abcd", "efgh", "ij", "xy"])
    }

    @Test func wrappingKeepsEachSpansStyle() {
        let wrapped = Line([Span("bold words", style: .bold), Span(" plain")]).wrapped(width: 6)
        #expect(wrapped.map(\.plainText) == ["bold", "words", "plain"])
        #expect(wrapped[1].spans[0].style == .bold)
        #expect(wrapped[2].spans[0].style == .plain)
    }

    @Test func wideCharactersWrapByTheirWidth() {
        let wrapped = Line("世界 世界").wrapped(width: 5)
        #expect(wrapped.map(\.plainText) == ["世界", "世界"])
    }

    @Test func wrappingKeepsALinesLeadingIndentOnItsFirstLine() {
        let wrapped = Line("    indented text here").wrapped(width: 12)
        #expect(wrapped.map(\.plainText) == ["    indented", "text here"])
    }
}
