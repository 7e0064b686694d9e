import TerminalUI

/// The bottom row: the keys that matter where the focus is, and a message on the right; while
/// a search is typed, the search itself.
struct StatusLine: Widget {
    var model: Model

    func render(in area: Rect, on grid: inout Grid) {
        if model.search.isEditing || model.filter.isEditing {
            let query = model.search.isEditing ? model.search.query : model.filter.query
            let what = model.filter.isEditing ? "filter" : "search \(model.focus.title)"
            grid.render(StatusBar(hints: [KeyHint("/", query + "_")], message: spelled("Enter \(what) · Esc cancel"), glyphs: model.glyphs), in: area)
            return
        }
        let message = spelled(message)
        // A message is news: it gets the room, and only help and quit stay beside it.
        let shown = message.isEmpty ? hints : Array(hints.prefix(2))
        grid.render(StatusBar(hints: shown, message: message, style: Theme.status, glyphs: model.glyphs), in: area)
    }

    /// `text` as the glyphs allow: in ASCII under `--ascii`.
    private func spelled(_ text: String) -> String {
        model.glyphs == .ascii ? text.spelledInASCII : text
    }

    private var message: String {
        if let message = model.message { return message }
        if !model.search.query.isEmpty { return "n/N next/previous \u{201C}\(model.search.query)\u{201D} · Esc clear" }
        return ""
    }

    /// The hints for the focused pane, most useful first; the status bar drops what does not fit.
    /// Under `--ascii`, spelled as help spells them (`up/down`, not arrows).
    var hints: [KeyHint] {
        guard model.glyphs == .ascii else { return unicodeHints }
        return unicodeHints.map { KeyHint($0.key.spelledInASCII, $0.action.spelledInASCII) }
    }

    private var unicodeHints: [KeyHint] {
        let arrows = "↑↓"
        switch model.screen {
        case .list:
            return [KeyHint(arrows, "select"), KeyHint("Enter", "open"), KeyHint("/", "filter"), KeyHint("Esc", "back"), KeyHint("?", "help"), KeyHint("q", "quit")]
        case .diff:
            return [KeyHint(arrows, "scroll"), KeyHint("e", "edit"), KeyHint("Esc", "back"), KeyHint("?", "help"), KeyHint("q", "quit")]
        case .exercise:
            break
        }
        var hints: [KeyHint]
        switch model.focus {
        case .instructions:
            hints = [KeyHint(arrows, "scroll"), KeyHint("h", "hint"), KeyHint("e", "edit"), KeyHint("r", "re-run")]
        case .tests:
            hints = [KeyHint(arrows, "scroll"), KeyHint("e", "edit"), KeyHint("r", "re-run"), KeyHint("d", "diff"), KeyHint("s", "solution")]
        case .streams:
            if model.browser != nil {
                hints = [KeyHint(arrows, "event"), KeyHint("PgUp/PgDn", "page"), KeyHint("Enter", "stream"), KeyHint("b", "scenario")]
            } else {
                hints = [KeyHint(arrows, "select"), KeyHint("←→", "streams/events"), KeyHint("[ ]", "step"), KeyHint("b", "sample store")]
            }
        case .readModels:
            hints = [KeyHint(arrows, "scroll"), KeyHint("[ ]", "step"), KeyHint("r", "re-run")]
        }
        if model.current?.fullSizeRun != nil, model.focus == .tests || model.focus == .readModels {
            hints.append(KeyHint("p", "full size"))
        }
        if model.mark(of: model.currentID) == .passed { hints.insert(KeyHint("n", "next"), at: 0) }
        hints += [KeyHint("Tab", "pane"), KeyHint("z", model.isZoomed ? "unzoom" : "zoom")]
        // Help and quit first: the bar drops hints that do not fit, and these two must stay.
        return [KeyHint("?", "help"), KeyHint("q", "quit")] + hints
    }
}
