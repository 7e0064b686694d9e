/// The selection and scroll position of a list or table, kept in the app's model.
///
/// Views call `visibleOffset(itemCount:viewportHeight:)`, which moves the stored offset just far
/// enough to show the selection, so a stale offset never hides it. `update` keeps the offset
/// with the `move`/`select` methods, so the list scrolls the least needed.
///
/// ```swift
/// model.events.moveSelection(by: 1, itemCount: events.count, viewportHeight: 10)
/// ```
public struct ScrollState: Hashable, Sendable {
    /// The selected row, if any.
    public var selected: Int?
    /// The first row shown.
    public var offset: Int

    public init(selected: Int? = nil, offset: Int = 0) {
        self.selected = selected
        self.offset = offset
    }

    /// The first row to show: the stored offset, kept inside the list and moved the least
    /// needed to keep the selection in view.
    public func visibleOffset(itemCount: Int, viewportHeight: Int) -> Int {
        guard itemCount > 0, viewportHeight > 0 else { return 0 }
        var first = min(max(0, offset), max(0, itemCount - viewportHeight))
        if let selected {
            let row = min(max(0, selected), itemCount - 1)
            if row < first { first = row }
            if row >= first + viewportHeight { first = row - viewportHeight + 1 }
        }
        return first
    }

    /// Selects `index` (clamped to the list; `nil` clears) and scrolls it into view.
    public mutating func select(_ index: Int?, itemCount: Int, viewportHeight: Int) {
        if let index, itemCount > 0 {
            selected = min(max(0, index), itemCount - 1)
        } else {
            selected = nil
        }
        offset = visibleOffset(itemCount: itemCount, viewportHeight: viewportHeight)
    }

    /// Moves the selection by `delta` rows (a page is `viewportHeight`), stopping at the ends;
    /// with nothing selected it selects the first row.
    public mutating func moveSelection(by delta: Int, itemCount: Int, viewportHeight: Int) {
        let target = selected.map { $0 + delta } ?? 0
        select(target, itemCount: itemCount, viewportHeight: viewportHeight)
    }

    /// Selects the first row (`g`).
    public mutating func selectFirst(itemCount: Int, viewportHeight: Int) {
        select(0, itemCount: itemCount, viewportHeight: viewportHeight)
    }

    /// Selects the last row (`G`).
    public mutating func selectLast(itemCount: Int, viewportHeight: Int) {
        select(itemCount - 1, itemCount: itemCount, viewportHeight: viewportHeight)
    }

    /// Scrolls without moving the selection, keeping the offset inside the list.
    public mutating func scroll(by delta: Int, itemCount: Int, viewportHeight: Int) {
        offset = min(max(0, offset + delta), max(0, itemCount - viewportHeight))
    }
}
