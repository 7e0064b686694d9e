import Testing
import TerminalUI

@Suite("Markdown rendering")
struct MarkdownTests {
    /// The markdown drawn through a text view onto a grid exactly as tall as its output.
    func screen(_ source: String, width: Int, glyphs: Glyphs = .unicode) -> Grid {
        let lines = Markdown(glyphs: glyphs).lines(source, width: width)
        return rendered(TextView(lines: lines), width: width, height: lines.count)
    }

    @Test func aParagraphAListAndACodeBlockRenderAt30Columns() {
        let source = """
            # Checkpoints

            A projection that keeps no checkpoint replays **every** event after a restart, which is slow.


            - Store the `position` after each batch.
            - Read it back on start, and
              skip what was seen.

            ```swift
            let checkpoint = try store.checkpoint(for: "guests")
            ```
            """
        #expect(screen(source, width: 30).text == """
            Checkpoints

            A projection that keeps no
            checkpoint replays every event
            after a restart, which is
            slow.

            • Store the position after
              each batch.
            • Read it back on start, and
              skip what was seen.

              let checkpoint = try store.c
            """)
    }

    @Test func numberedListsHangTheirTextAfterTheNumber() {
        let source = "1. Append the event to the stream\n10. Then update the read model"
        #expect(screen(source, width: 20).text == """
            1. Append the event
               to the stream
            10. Then update the
                read model
            """)
    }

    @Test func nestedListsKeepTheirIndent() {
        let source = "- outer\n  - inner item text"
        #expect(screen(source, width: 14, glyphs: .ascii).text == """
            * outer
              * inner item
                text
            """)
    }

    @Test func emphasisStrongAndCodeGetTheirStyles() {
        let lines = Markdown().lines("a *b* **c** `d` _e_", width: 40)
        let styles = lines[0].spans.map { ($0.text, $0.style) }
        let theme = Markdown.Theme()
        #expect(styles.map(\.0) == ["a ", "b", " ", "c", " ", "d", " ", "e"])
        #expect(styles[1].1 == theme.emphasis)
        #expect(styles[3].1 == theme.strong)
        #expect(styles[5].1 == theme.code)
        #expect(styles[7].1 == theme.emphasis)
    }

    @Test(arguments: ["snake_case_name", "2 * 3 * 4", "a ** b", "unclosed *star", "`tick"])
    func delimitersThatCannotOpenOrCloseStayLiteral(text: String) {
        let lines = Markdown().lines(text, width: 40)
        #expect(lines.map(\.plainText) == [text])
        #expect(lines[0].spans.allSatisfy { $0.style == .plain })
    }

    @Test func headingsAreStyledByLevel() {
        let theme = Markdown.Theme()
        let lines = Markdown().lines("# One\n## Two\n### Three", width: 20)
        #expect(lines.map(\.plainText) == ["One", "Two", "Three"])
        #expect(lines.map { $0.spans[0].style } == [theme.heading1, theme.heading2, theme.heading3])
    }

    @Test func codeBlocksAreNeitherWrappedNorParsed() {
        let lines = Markdown().lines("```\n**not bold** and a long line that goes on\n```", width: 10)
        #expect(lines.map(\.plainText) == ["  **not bold** and a long line that goes on"])
        #expect(lines[0].spans[0].style == Markdown.Theme().codeBlock)
    }

    @Test func blankLineRunsCollapseAndDoNotLeadOrTrail() {
        let lines = Markdown().lines("\n\none\n\n\n\ntwo\n\n", width: 10)
        #expect(lines.map(\.plainText) == ["one", "", "two"])
    }

    @Test func blankLinesInsideCodeBlocksAreKept() {
        let lines = Markdown().lines("```\na\n\n\nb\n```", width: 10)
        #expect(lines.map(\.plainText) == ["  a", "", "", "  b"])
    }

    @Test func quotesAndRulesUseTheGlyphSet() {
        let source = "> Events are facts,\n> not updates.\n\n---"
        #expect(screen(source, width: 12, glyphs: .ascii).text == """
            | Events are
            | facts, not
            | updates.

            ------------
            """)
    }

    @Test func linksShowTheirText() {
        let lines = Markdown().lines("See [the docs](https://example.com) now", width: 40)
        #expect(lines.map(\.plainText) == ["See the docs now"])
    }
}
