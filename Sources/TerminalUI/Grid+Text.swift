extension Grid: CustomStringConvertible {
    /// Each row as plain text, wide characters once, trailing spaces trimmed.
    public var lines: [String] {
        (0..<size.height).map { y in
            var line = ""
            for x in 0..<size.width where !self[x, y].isContinuation {
                line += self[x, y].symbol
            }
            return String(line.reversed().drop { $0 == " " }.reversed())
        }
    }

    /// The grid as a multi-line string, for comparing views with expected text in tests.
    ///
    /// Trailing spaces are trimmed from every row (editors strip them from test literals);
    /// every row is present, so the string has `size.height - 1` newlines.
    public var text: String { lines.joined(separator: "\n") }

    public var description: String { text }

    /// One character per column describing each cell's style, rows trimmed like `text`:
    /// `r` reverse, `b` bold, `u` underline, `d` dim, `c` coloured, space for plain.
    /// The first that applies wins, so a test can check where a highlight falls.
    ///
    /// ```swift
    /// #expect(grid.styleMap == "rrrrr\n     ")   // first row selected
    /// ```
    public var styleMap: String {
        styleMap { style in
            if style.isReversed { return "r" }
            if style.isBold { return "b" }
            if style.isUnderlined { return "u" }
            if style.isDim { return "d" }
            if style.foreground != .default || style.background != .default { return "c" }
            return " "
        }
    }

    /// One character per column from `legend`, rows trimmed of trailing spaces.
    public func styleMap(_ legend: (Style) -> Character) -> String {
        (0..<size.height).map { y in
            let row = String((0..<size.width).map { legend(self[$0, y].style) })
            return String(row.reversed().drop { $0 == " " }.reversed())
        }.joined(separator: "\n")
    }
}
