import TerminalUI

/// The geometry of the exercise screen for one model: where each pane is, how many rows it
/// shows, how far a page moves.
///
/// `update` and `view` both read `model.metrics`, so scrolling stops exactly where drawing
/// ends; it is cheap (a few rectangle splits) and has no text in it.
///
/// ```swift
/// let metrics = model.metrics
/// let rows = metrics.inner(.tests).height
/// ```
public struct PaneMetrics: Sendable, Equatable {
    public let layout: ExerciseLayout
    /// The inside of the Streams pane: stream list, events table, the event's JSON.
    public let streams: StreamsLayout

    public init(size: Size, focus: Pane, isZoomed: Bool) {
        layout = ExerciseLayout(size: size, focus: focus, isZoomed: isZoomed)
        streams = StreamsLayout(inner: layout.inner(.streams))
    }

    /// The area inside a pane's border (empty when the pane is not shown).
    public func inner(_ pane: Pane) -> Rect { layout.inner(pane) }

    /// Rows of the Streams pane's stream list.
    public var streamRows: Int { streams.streams.height }

    /// Rows of the Streams pane's events table.
    public var eventRows: Int { streams.eventRows }

    /// How many rows PgUp and PgDn move in `pane`: a screenful less one line of a text, the
    /// rows of the list the arrows move in the Streams pane.
    public func page(_ pane: Pane, column: Model.StreamsColumn, browsing: Bool) -> Int {
        guard pane == .streams else { return max(1, inner(pane).height - 1) }
        return max(1, column == .streams && !browsing ? streamRows : eventRows)
    }
}

extension Model {
    /// The exercise screen's geometry at this size, focus and zoom.
    public var metrics: PaneMetrics { PaneMetrics(size: size, focus: focus, isZoomed: isZoomed) }
}

extension Intent {
    /// The move this key makes in a list or a text whose page is `page` rows; nil for keys that
    /// do not move.
    func scrollMove(page: Int) -> ScrollMove? {
        switch self {
        case .up: .by(-1)
        case .down: .by(1)
        case .pageUp: .by(-page)
        case .pageDown: .by(page)
        case .top: .top
        case .bottom: .bottom
        default: nil
        }
    }
}
