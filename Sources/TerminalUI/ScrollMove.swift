/// Where a key moves a list or a text: some rows up or down (a page is a viewport's height),
/// or straight to one end.
///
/// ```swift
/// selection.apply(.by(-1), itemCount: rows.count, viewportHeight: 10)   // k
/// selection.apply(.bottom, itemCount: rows.count, viewportHeight: 10)   // G
/// ```
public enum ScrollMove: Sendable, Hashable {
    case by(Int)
    case top
    case bottom

    /// The row reached from `current` in `count` rows, kept inside them (0 when empty).
    public func target(from current: Int, count: Int) -> Int {
        let last = max(0, count - 1)
        switch self {
        case .by(let delta):
            let (sum, overflow) = current.addingReportingOverflow(delta)
            return overflow ? (delta > 0 ? last : 0) : min(max(0, sum), last)
        case .top: return 0
        case .bottom: return last
        }
    }

    /// The first line to show of a text of `lineCount` lines in `height` rows, from `offset`.
    public func offset(from offset: Int, lineCount: Int, height: Int) -> Int {
        target(from: offset, count: max(0, lineCount - height) + 1)
    }
}

extension ScrollState {
    /// Moves the selection (a list with nothing selected starts at its first row) and scrolls
    /// it into view.
    public mutating func apply(_ move: ScrollMove, itemCount: Int, viewportHeight: Int) {
        select(move.target(from: selected ?? 0, count: itemCount), itemCount: itemCount, viewportHeight: viewportHeight)
    }
}
