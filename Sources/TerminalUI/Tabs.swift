/// A row of tab titles with the selected one highlighted.
///
/// ```swift
/// grid.render(Tabs(titles: ["1 Instructions", "2 Events", "3 Checks"], selected: 1), in: top)
/// ```
public struct Tabs: Widget {
    public var titles: [String]
    public var selected: Int
    public var glyphs: Glyphs
    public var highlightStyle: Style

    public init(titles: [String], selected: Int, glyphs: Glyphs = .unicode, highlightStyle: Style = Style(isBold: true, isReversed: true)) {
        self.titles = titles
        self.selected = selected
        self.glyphs = glyphs
        self.highlightStyle = highlightStyle
    }

    public func render(in area: Rect, on grid: inout Grid) {
        guard !area.isEmpty else { return }
        var spans: [Span] = []
        for (index, title) in titles.enumerated() {
            if index > 0 { spans.append(Span(glyphs.divider, style: .dim)) }
            spans.append(Span(" \(title) ", style: index == selected ? highlightStyle : .plain))
        }
        grid.write(Line(spans), at: area.origin, clip: area.row(0))
    }
}
