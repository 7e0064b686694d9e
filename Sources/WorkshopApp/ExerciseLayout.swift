import TerminalUI

/// Where things go on the exercise screen at a size: a header row, the panes, a status bar.
///
/// `update` uses the same layout as `view` to know how many rows a pane shows, so scrolling
/// stops exactly at the end of the text.
public struct ExerciseLayout: Sendable, Equatable {
    public var header: Rect
    public var status: Rect
    /// Each visible pane's outer rectangle (with its border).
    public var panes: [Pane: Rect]

    public init(size: Size, focus: Pane, isZoomed: Bool) {
        let screen = Rect(size: size)
        let rows = screen.splitRows([.fixed(1), .fill, .fixed(1)])
        header = rows[0]
        status = rows[2]
        let body = rows[1]
        if isZoomed {
            panes = [focus: body]
            return
        }
        let columns = body.splitColumns([.percent(50), .fill])
        let left = columns[0].splitRows([.fill, .percent(42)])
        let right = columns[1].splitRows([.percent(55), .fill])
        panes = [.instructions: left[0], .tests: left[1], .streams: right[0], .readModels: right[1]]
    }

    /// The area inside a pane's border (empty when the pane is not shown).
    public func inner(_ pane: Pane) -> Rect {
        guard let rect = panes[pane] else { return Rect(x: 0, y: 0, width: 0, height: 0) }
        return rect.inset(horizontal: 1, vertical: 1)
    }
}

/// The inside of the Streams pane: the stream list on the left, the events table on the top
/// right and the selected event's JSON under it.
public struct StreamsLayout: Sendable, Equatable {
    public var streams: Rect
    public var events: Rect
    public var detail: Rect

    public init(inner: Rect) {
        let listWidth = min(34, max(14, inner.width * 3 / 10))
        let columns = inner.splitColumns([.fixed(listWidth), .fixed(1), .fill])
        streams = columns[0]
        let right = columns[2].splitRows([.percent(50), .fill])
        events = right[0]
        detail = right[1]
    }

    /// Rows of the events table under its header.
    public var eventRows: Int { TableView.viewportHeight(forAreaHeight: events.height) }
}
