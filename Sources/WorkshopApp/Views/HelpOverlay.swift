import TerminalUI

/// Every key, in a box over the screen (`?`); any key closes it.
struct HelpOverlay: Widget {
    var glyphs: Glyphs

    static let sections: [(String, [KeyHint])] = [
        ("Exercise", [
            KeyHint("r", "re-run the checks"), KeyHint("h", "next hint"), KeyHint("e", "open in $EDITOR"),
            KeyHint("n", "next exercise (once passed)"), KeyHint("l", "exercise list"), KeyHint("x", "reset (asks first)"),
        ]),
        ("Trainer", [
            KeyHint("s", "run against the solution"), KeyHint("d", "diff with the solution"), KeyHint("z", "zoom the pane"),
            KeyHint("[ ]", "step through the scenario"), KeyHint("b", "browse the sample store"),
            KeyHint("p P", "full-size run: yours, the solution's"),
        ]),
        ("Moving", [
            KeyHint("Tab S-Tab", "next / previous pane"), KeyHint("1-4", "jump to a pane"), KeyHint("j k ↑ ↓", "scroll or select"),
            KeyHint("← →", "streams / events"), KeyHint("PgUp PgDn", "page"), KeyHint("g G", "top / bottom"),
            KeyHint("Enter", "open, follow"), KeyHint("/ n N", "search, next, previous"),
        ]),
        ("App", [
            KeyHint("?", "this help"), KeyHint("Esc", "back"), KeyHint("Ctrl-L", "redraw"), KeyHint("q Ctrl-C", "quit"),
        ]),
    ]

    var lines: [Line] {
        var lines: [Line] = []
        for (title, hints) in Self.sections {
            if !lines.isEmpty { lines.append(.empty) }
            lines.append(Line(title, style: Theme.heading))
            for hint in hints {
                let key = glyphs == .ascii ? hint.key.replacingArrows : hint.key
                lines.append(Line([Span("  " + key + String(repeating: " ", count: max(1, 12 - key.displayWidth)), style: .bold), Span(hint.action)]))
            }
        }
        lines.append(.empty)
        lines.append(Line("Press any key to close.", style: Theme.label))
        return lines
    }

    func render(in area: Rect, on grid: inout Grid) {
        let lines = lines
        let box = area.centered(Size(width: 52, height: lines.count + 2))
        grid.fill(box)
        let block = Block(title: "Keys", isFocused: true, glyphs: glyphs)
        grid.render(block, in: box)
        grid.render(TextView(lines: lines), in: block.inner(box).inset(horizontal: 1))
    }
}

extension String {
    /// The text in plain ASCII, for `--ascii`: arrows as words (a pair as `up/down`), `·` as
    /// `-`, `…` as `...`, curly quotes straight.
    var spelledInASCII: String {
        guard !allSatisfy(\.isASCII) else { return self }
        var text = self
        for (unicode, ascii) in [("↑↓", "up/down"), ("←→", "left/right"), ("·", "-"), ("…", "..."), ("\u{201C}", "\""), ("\u{201D}", "\""), ("\u{2018}", "'"), ("\u{2019}", "'")] {
            text = text.split(separator: unicode, omittingEmptySubsequences: false).joined(separator: ascii)
        }
        return text.replacingArrows
    }

    /// Arrows spelled in ASCII, for `--ascii`.
    var replacingArrows: String {
        var text = self
        for (arrow, ascii) in [("↑", "up"), ("↓", "down"), ("←", "left"), ("→", "right")] {
            text = text.split(separator: Character(arrow), omittingEmptySubsequences: false).joined(separator: ascii)
        }
        return text
    }
}
