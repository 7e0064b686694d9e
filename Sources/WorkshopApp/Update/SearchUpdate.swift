import TerminalUI

/// The search (`/` in a pane) and the list's filter (`/` on the list) while they are typed, and
/// `n`/`N` to the next or previous match.
enum SearchUpdate {
    static func typing(_ intent: Intent, _ model: inout Model) -> [Effect] {
        let isFilter = model.filter.isEditing
        var state = isFilter ? model.filter : model.search
        switch intent {
        case .type(let character): state.query.append(character)
        case .erase: if !state.query.isEmpty { state.query.removeLast() }
        case .select: state.isEditing = false
        case .back: state = SearchState()
        case .up, .down:
            if isFilter { return ListUpdate.update(intent, &model) }
        default: return []
        }
        if isFilter {
            model.filter = state
            model.listSelection = ScrollState(selected: 0)
        } else {
            model.search = state
            if !state.query.isEmpty { findMatch(forward: true, including: true, &model) }
        }
        return []
    }

    /// Moves the focused pane to the next (or previous) line matching the search.
    static func findMatch(forward: Bool, including: Bool, _ model: inout Model) {
        let metrics = model.metrics
        let inner = metrics.inner(model.focus)
        if model.focus == .streams, model.browser == nil, let scenario = model.scenario {
            let events = StreamsPane.events(model, scenario)
            let texts = events.map { "\($0.streamID) \($0.eventType) \($0.data.prettyPrinted)" }
            let start = model.eventSelection.selected ?? 0
            if let index = nextIndex(in: texts, from: start, forward: forward, including: including, model.search) {
                model.eventSelection.select(index, itemCount: events.count, viewportHeight: metrics.eventRows)
            } else {
                model.message = "No match for \u{201C}\(model.search.query)\u{201D} in \(model.focus.title)."
            }
            return
        }
        let lines = PaneText.lines(model.focus, model, width: inner.width).map(\.plainText)
        let start = model.offsets[model.focus] ?? 0
        if let index = nextIndex(in: lines, from: start, forward: forward, including: including, model.search) {
            model.offsets[model.focus] = min(index, max(0, lines.count - inner.height))
        } else {
            model.message = "No match for \u{201C}\(model.search.query)\u{201D} in \(model.focus.title)."
        }
    }

    private static func nextIndex(in texts: [String], from start: Int, forward: Bool, including: Bool, _ search: SearchState) -> Int? {
        guard !texts.isEmpty else { return nil }
        let count = texts.count
        let first = including ? 0 : 1
        for step in first...count {
            let index = ((forward ? start + step : start - step) % count + count) % count
            if search.matches(texts[index]) { return index }
        }
        return nil
    }
}
