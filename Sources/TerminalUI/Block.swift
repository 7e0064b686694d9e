/// A bordered pane with a title on its top edge; the focused pane gets a heavier border
/// (`=` in ASCII) and a bold title, so focus shows even without colour.
///
/// ```swift
/// let block = Block(title: "2 Events", isFocused: focus == .events, glyphs: glyphs)
/// grid.render(block, in: area)
/// grid.render(eventList, in: block.inner(area))
/// ```
public struct Block: Widget {
    public var title: String
    public var isFocused: Bool
    public var glyphs: Glyphs
    public var borderStyle: Style
    public var focusedBorderStyle: Style

    public init(
        title: String = "",
        isFocused: Bool = false,
        glyphs: Glyphs = .unicode,
        borderStyle: Style = .plain,
        focusedBorderStyle: Style = Style(foreground: .cyan, isBold: true)
    ) {
        self.title = title
        self.isFocused = isFocused
        self.glyphs = glyphs
        self.borderStyle = borderStyle
        self.focusedBorderStyle = focusedBorderStyle
    }

    /// The area inside the border (empty when `area` is too small for one).
    public func inner(_ area: Rect) -> Rect {
        area.inset(horizontal: 1, vertical: 1)
    }

    public func render(in area: Rect, on grid: inout Grid) {
        guard area.width >= 2, area.height >= 2 else { return }
        let box = isFocused ? glyphs.focusedBox : glyphs.box
        let style = isFocused ? focusedBorderStyle : borderStyle
        let horizontal = String(repeating: box.horizontal, count: area.width - 2)
        grid.write(box.topLeft + horizontal + box.topRight, at: area.origin, style: style, clip: area)
        grid.write(box.bottomLeft + horizontal + box.bottomRight, at: Point(x: area.x, y: area.maxY - 1), style: style, clip: area)
        for y in (area.y + 1)..<(area.maxY - 1) {
            grid.write(box.vertical, at: Point(x: area.x, y: y), style: style, clip: area)
            grid.write(box.vertical, at: Point(x: area.maxX - 1, y: y), style: style, clip: area)
        }
        // The title sits after the corner, padded by a space each side, and is shortened with
        // an ellipsis so the right corner always stays visible.
        let room = area.width - 4
        guard !title.isEmpty, room > 0 else { return }
        let shown = Truncation.fit(title, width: room, ellipsis: glyphs.ellipsis)
        let titleStyle = isFocused ? focusedBorderStyle.bold() : borderStyle
        grid.write(" " + shown + " ", at: Point(x: area.x + 1, y: area.y), style: titleStyle, clip: area.inset(horizontal: 1))
    }
}
