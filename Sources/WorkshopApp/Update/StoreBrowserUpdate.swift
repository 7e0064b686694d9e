import TerminalUI

/// The Streams pane browsing the sample store (`b`): pages asked for and arriving, moving
/// within a page and past its ends, following an event to its stream.
enum StoreBrowserUpdate {
    /// `b`: opens the browser on the log's first page, or closes it.
    static func toggle(_ model: inout Model) -> [Effect] {
        if model.browser != nil {
            model.browser = nil
            return []
        }
        model.browser = StoreBrowser()
        model.focus = .streams
        return requestPage(.log(after: 0), selectLast: false, &model)
    }

    /// Esc: from a stream back to the log; from the log, closes the browser.
    static func back(_ browser: StoreBrowser, _ model: inout Model) -> [Effect] {
        if case .stream = browser.page?.query {
            model.browser?.history = []
            return requestPage(.log(after: 0), selectLast: false, &model)
        }
        model.browser = nil
        return []
    }

    /// Enter on an event of the log: that event's stream from its first version.
    static func select(_ browser: StoreBrowser, _ model: inout Model) -> [Effect] {
        guard let page = browser.page, let index = browser.selection.selected, page.events.indices.contains(index) else { return [] }
        if case .stream = page.query { return [] }
        model.browser?.history = []
        return requestPage(.stream(page.events[index].streamID, fromVersion: 1), selectLast: false, &model)
    }

    /// Moves the selection; a row-by-row move past either end of a full page asks for the
    /// next or the previous page (a jump to the top or bottom stays on this page).
    static func move(_ move: ScrollMove, _ browser: StoreBrowser, _ model: inout Model) -> [Effect] {
        var browser = browser
        guard let page = browser.page, browser.pending == nil, !page.events.isEmpty else { return [] }
        let count = page.events.count
        let selected = browser.selection.selected ?? 0
        if case .by(let delta) = move {
            let (target, overflow) = selected.addingReportingOverflow(delta)
            if !overflow, target >= count, count >= StoreBrowser.pageSize, let last = page.events.last {
                browser.history.append(page.query)
                model.browser = browser
                let next: StoreQuery = switch page.query {
                case .log: .log(after: last.position)
                case .stream(let id, _): .stream(id, fromVersion: last.streamVersion + 1)
                }
                return requestPage(next, selectLast: false, &model)
            }
            if !overflow, target < 0, let previous = browser.history.popLast() {
                model.browser = browser
                return requestPage(previous, selectLast: true, &model)
            }
        }
        browser.selection.apply(move, itemCount: count, viewportHeight: model.metrics.eventRows)
        model.browser = browser
        return []
    }

    static func pageLoaded(_ page: StorePage, _ model: inout Model) {
        guard var browser = model.browser, browser.pending == page.query else { return }
        browser.page = page
        browser.pending = nil
        browser.unavailable = nil
        let target = browser.selectLastOnArrival ? page.events.count - 1 : 0
        browser.selection = ScrollState(selected: 0)
        browser.selection.select(target, itemCount: page.events.count, viewportHeight: model.metrics.eventRows)
        model.browser = browser
    }

    static func unavailable(_ reason: String, _ model: inout Model) {
        guard model.browser != nil else { return }
        model.browser?.unavailable = reason
        model.browser?.pending = nil
    }

    private static func requestPage(_ query: StoreQuery, selectLast: Bool, _ model: inout Model) -> [Effect] {
        model.browser?.pending = query
        model.browser?.selectLastOnArrival = selectLast
        return [.loadStorePage(query)]
    }
}
