/// Styled lines in a scrollable area, clipped or wrapped at word boundaries.
///
/// ```swift
/// let view = TextView(lines: Markdown().lines(instructions, width: inner.width), offset: model.scroll)
/// ```
public struct TextView: Widget {
    public var lines: [Line]
    /// The first visual line shown (after wrapping); clamped so the end never scrolls past the bottom.
    public var offset: Int
    public var wrap: Bool

    public init(lines: [Line], offset: Int = 0, wrap: Bool = false) {
        self.lines = lines
        self.offset = offset
        self.wrap = wrap
    }

    /// The lines as drawn at `width`: wrapped when `wrap` is on, as given otherwise.
    public func visualLines(width: Int) -> [Line] {
        guard wrap else { return lines }
        return lines.flatMap { $0.spans.isEmpty ? [Line.empty] : $0.wrapped(width: width) }
    }

    /// The largest useful offset for an area, so `update` can clamp scrolling.
    public func maxOffset(in area: Size) -> Int {
        max(0, visualLines(width: area.width).count - area.height)
    }

    public func render(in area: Rect, on grid: inout Grid) {
        guard !area.isEmpty else { return }
        let shown = visualLines(width: area.width)
        let first = min(max(0, offset), max(0, shown.count - area.height))
        for row in 0..<area.height {
            guard first + row < shown.count else { break }
            grid.write(shown[first + row], at: area.row(row).origin, clip: area.row(row))
        }
    }
}
