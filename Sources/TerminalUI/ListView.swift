/// A vertical list of lines with an optional selection drawn in reverse video.
///
/// ```swift
/// grid.render(ListView(items: titles, state: model.listState), in: inner)
/// ```
public struct ListView: Widget {
    public var items: [Line]
    public var state: ScrollState
    public var highlightStyle: Style
    /// Drawn before the selected row (and as spaces before the others), e.g. `"> "`.
    public var marker: String?

    public init(items: [Line], state: ScrollState = ScrollState(), highlightStyle: Style = .reversed, marker: String? = nil) {
        self.items = items
        self.state = state
        self.highlightStyle = highlightStyle
        self.marker = marker
    }

    public func render(in area: Rect, on grid: inout Grid) {
        guard !area.isEmpty else { return }
        let first = state.visibleOffset(itemCount: items.count, viewportHeight: area.height)
        let markerWidth = marker?.displayWidth ?? 0
        for row in 0..<area.height {
            let index = first + row
            guard index < items.count else { break }
            let rowArea = area.row(row)
            let isSelected = index == state.selected
            var line = items[index]
            if let marker {
                line.spans.insert(Span(isSelected ? marker : String(repeating: " ", count: markerWidth)), at: 0)
            }
            if isSelected {
                // Highlight the whole row, not just the text, so short items are easy to see.
                grid.fill(rowArea, with: Cell(" ", style: highlightStyle))
                line = line.patched(with: highlightStyle)
            }
            grid.write(line, at: rowArea.origin, clip: rowArea)
        }
    }
}
