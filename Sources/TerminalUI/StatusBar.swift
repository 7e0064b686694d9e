/// The bottom row: key hints on the left (`q quit  ? help`), a message on the right.
///
/// Hints that do not fit are left out whole rather than cut, and the message is shortened
/// before any hint is dropped.
public struct StatusBar: Widget {
    public var hints: [KeyHint]
    public var message: String
    public var style: Style
    public var keyStyle: Style
    public var glyphs: Glyphs

    public init(hints: [KeyHint], message: String = "", style: Style = .plain, keyStyle: Style = .bold, glyphs: Glyphs = .unicode) {
        self.hints = hints
        self.message = message
        self.style = style
        self.keyStyle = keyStyle
        self.glyphs = glyphs
    }

    public func render(in area: Rect, on grid: inout Grid) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        grid.fill(row, with: Cell(" ", style: style))
        var spans: [Span] = []
        var used = 0
        for hint in hints {
            let separator = spans.isEmpty ? "" : "  "
            let width = separator.count + hint.key.displayWidth + 1 + hint.action.displayWidth
            guard used + width <= row.width else { break }
            spans += [Span(separator, style: style), Span(hint.key, style: style.patched(with: keyStyle)), Span(" " + hint.action, style: style)]
            used += width
        }
        grid.write(Line(spans), at: row.origin, clip: row)
        let room = row.width - used - 2
        guard !message.isEmpty, room > 0 else { return }
        let shown = Truncation.fit(message, width: room, ellipsis: glyphs.ellipsis)
        grid.write(shown, at: Point(x: row.maxX - shown.displayWidth, y: row.y), style: style, clip: row)
    }
}
