import CheckReport
import EventSourcing
import Foundation
import Synchronization
import TerminalUI

/// The inside of the Streams pane: streams with their lengths, the events of the selected
/// stream (position, version, type, time, correlation, causation), and the selected event as
/// pretty JSON. Events the current trace step appended are marked `+` and drawn bold green.
///
/// In browser mode (`b`) the same layout pages through the sample store instead.
struct StreamsPane: Widget {
    var model: Model

    /// The events listed for the selected stream (all of them for row 0).
    static func events(_ model: Model, _ scenario: ScenarioState) -> [TracedEvent] {
        let selected = model.streamSelection.selected ?? 0
        let streams = scenario.streams
        guard selected > 0, streams.indices.contains(selected - 1) else { return scenario.events }
        let id = streams[selected - 1].id
        return scenario.events.filter { $0.streamID == id }
    }

    func render(in area: Rect, on grid: inout Grid) {
        guard !area.isEmpty else { return }
        if let browser = model.browser {
            renderBrowser(browser, in: area, on: &grid)
            return
        }
        guard let scenario = model.scenario else {
            let text = model.outcome == nil
                ? "The events the checks append appear here after a check. Press b to browse the sample store."
                : "This check recorded no scenario steps. Press b to browse the sample store."
            grid.render(TextView(lines: [Line(text, style: Theme.label)], wrap: true), in: area)
            return
        }
        let layout = StreamsLayout(inner: area)
        let glyphs = model.glyphs
        let focused = model.focus == .streams

        // Streams, with "all" first.
        var items = [Line([Span("All events", style: .bold), Span("  \(scenario.events.count)", style: Theme.label)])]
        for stream in scenario.streams {
            items.append(Line([
                Span(stream.touched ? "+ " : "  ", style: Theme.added),
                Span(stream.id, style: stream.touched ? Theme.added : .plain),
                Span("  \(stream.length)", style: Theme.label),
            ]))
        }
        let streamHighlight = focused && model.streamsColumn == .streams ? Theme.selection : Style(isBold: true, isUnderlined: true)
        grid.render(ListView(items: items, state: model.streamSelection, highlightStyle: streamHighlight), in: layout.streams)
        for y in layout.streams.minY..<layout.streams.maxY {
            grid.write(glyphs.divider, at: Point(x: layout.streams.maxX, y: y), style: Theme.label)
        }

        let events = Self.events(model, scenario)
        let eventHighlight = focused && model.streamsColumn == .events ? Theme.selection : Style(isBold: true, isUnderlined: true)
        grid.render(Self.table(events, appended: scenario.appendedIDs, showStream: (model.streamSelection.selected ?? 0) == 0,
                               state: model.eventSelection, highlight: eventHighlight, search: model.search, width: layout.events.width, height: layout.events.height), in: layout.events)
        let selected = model.eventSelection.selected.flatMap { events.indices.contains($0) ? events[$0] : nil }
        Self.renderDetail(selected, appended: selected.map { scenario.appendedIDs.contains($0.eventID) } ?? false,
                          caption: "Step \(scenario.numberInCheck) of \(scenario.stepsInCheck): \(scenario.step.title)",
                          glyphs: glyphs, in: layout.detail, on: &grid)
    }

    private func renderBrowser(_ browser: StoreBrowser, in area: Rect, on grid: inout Grid) {
        if let reason = browser.unavailable {
            // Nothing to list: the explanation gets the whole pane.
            let lines = [Line("Sample store", style: Theme.heading), .empty, Line(reason), .empty, Line("b: back to the scenario", style: Theme.label)]
            grid.render(TextView(lines: lines, wrap: true), in: area)
            return
        }
        let layout = StreamsLayout(inner: area)
        var info: [Line] = [Line("Sample store", style: Theme.heading), Line(".workshop/sample.sqlite", style: Theme.label), .empty]
        if let reason = browser.unavailable {
            info.append(Line(reason))
        } else if let page = browser.page {
            info.append(Line("\(Self.grouped(page.headPosition)) events"))
            switch page.query {
            case .log:
                info.append(Line("Global log", style: .bold))
                info.append(Line("Enter: the event's stream", style: Theme.label))
            case .stream(let id, _):
                info.append(Line(id, style: .bold))
                if let length = page.streamLength { info.append(Line("\(Self.grouped(length)) events in stream")) }
                info.append(Line("Esc: back to the log", style: Theme.label))
            }
            if let first = page.events.first, let last = page.events.last {
                info.append(Line("positions \(Self.grouped(first.position))–\(Self.grouped(last.position))", style: Theme.label))
            }
            info.append(Line("b: back to the scenario", style: Theme.label))
        } else {
            info.append(Line("Loading…", style: Theme.label))
        }
        grid.render(TextView(lines: info, wrap: true), in: layout.streams)
        for y in layout.streams.minY..<layout.streams.maxY {
            grid.write(model.glyphs.divider, at: Point(x: layout.streams.maxX, y: y), style: Theme.label)
        }
        guard let page = browser.page else { return }
        var showStream = true
        if case .stream = page.query { showStream = false }
        grid.render(Self.table(page.events, appended: [], showStream: showStream, state: browser.selection,
                               highlight: Theme.selection, search: model.search, width: layout.events.width, height: layout.events.height), in: layout.events)
        let selected = browser.selection.selected.flatMap { page.events.indices.contains($0) ? page.events[$0] : nil }
        Self.renderDetail(selected, appended: false, caption: nil, glyphs: model.glyphs, in: layout.detail, on: &grid)
    }

    /// The events table, with the columns that fit `width`.
    static func table(
        _ events: [TracedEvent], appended: Set<String>, showStream: Bool, state: ScrollState, highlight: Style, search: SearchState,
        width: Int, height: Int
    ) -> TableView {
        // Position, version and type always; the rest as the width allows, most useful first,
        // so a narrow pane never squeezes the event type out.
        var room = width - (7 + 1 + 4 + 1 + 16)
        var withStream = false, withTime = false, withCorrelation = false, withCausation = false
        if showStream, room >= 15 { withStream = true; room -= 15 }
        if room >= 9 { withTime = true; room -= 9 }
        if room >= 12 { withCorrelation = true; room -= 12 }
        if room >= 10 { withCausation = true; room -= 10 }
        var columns = [TableColumn("#", width: .fixed(7), alignment: .trailing), TableColumn("v", width: .fixed(4), alignment: .trailing)]
        if withStream { columns.append(TableColumn("Stream", width: .fixed(14 + min(8, max(0, room / 2))))) }
        columns.append(TableColumn("Type", width: .fill))
        if withTime { columns.append(TableColumn("Time", width: .fixed(8))) }
        if withCorrelation { columns.append(TableColumn("Correlation", width: .fixed(11))) }
        if withCausation { columns.append(TableColumn("Causation", width: .fixed(9))) }
        // Only the rows on screen are formatted: a frame costs the same on a page of any length.
        let viewport = TableView.viewportHeight(forAreaHeight: height)
        let first = state.visibleOffset(itemCount: events.count, viewportHeight: viewport)
        let shown = events[first..<min(events.count, first + viewport)]
        let shownState = ScrollState(selected: state.selected.map { $0 - first }, offset: 0)
        let rows = shown.map { event -> [Line] in
            let isNew = appended.contains(event.eventID)
            let style: Style = isNew ? Theme.added : (search.matches(event.eventType) || search.matches(event.streamID) ? Theme.match : .plain)
            var cells = [Line((isNew ? "+" : "") + String(event.position), style: style), Line(String(event.streamVersion), style: style)]
            if withStream { cells.append(Line(event.streamID, style: style)) }
            cells.append(Line(event.eventType, style: style))
            if withTime { cells.append(Line(timeFormat(event.recordedAt), style: Theme.label)) }
            if withCorrelation { cells.append(Line(short(event.metadata.correlationID), style: Theme.label)) }
            if withCausation { cells.append(Line(short(event.metadata.causationID), style: Theme.label)) }
            return cells
        }
        return TableView(columns: columns, rows: rows, state: shownState, highlightStyle: highlight)
    }

    /// The selected event: where it is, its metadata, and its payload as pretty JSON.
    static func renderDetail(_ event: TracedEvent?, appended: Bool, caption: String?, glyphs: Glyphs, in area: Rect, on grid: inout Grid) {
        guard !area.isEmpty else { return }
        grid.write(String(repeating: glyphs.horizontalRule, count: area.width), at: area.origin, style: Theme.label, clip: area)
        var lines: [Line] = []
        if let caption { lines.append(Line(caption, style: Theme.changed)) }
        if let event {
            lines.append(Line([
                Span(event.eventType, style: appended ? Theme.added : .bold),
                Span("  \(event.streamID) v\(event.streamVersion) #\(event.position) schema \(event.schemaVersion)", style: Theme.label),
            ]))
            var ids = "id \(short(event.eventID))"
            if let correlation = event.metadata.correlationID { ids += "  correlation \(correlation)" }
            if let causation = event.metadata.causationID { ids += "  causation \(causation)" }
            lines.append(Line(ids, style: Theme.label))
            lines += PayloadLines.lines(of: event.data)
        }
        let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        grid.render(TextView(lines: lines), in: body)
    }

    /// The first 8 characters of an id (enough to tell ids apart on screen), or a dash.
    static func short(_ id: String?) -> String {
        guard let id, !id.isEmpty else { return "-" }
        return String(id.prefix(8))
    }

    static func timeFormat(_ date: Date) -> String {
        // Computed by hand: a DateFormatter per row would dominate the frame time.
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let day = ((seconds % 86_400) + 86_400) % 86_400
        return twoDigits(day / 3600) + ":" + twoDigits(day / 60 % 60) + ":" + twoDigits(day % 60)
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0" + String(value) : String(value)
    }

    static func grouped(_ number: Int64) -> String {
        let digits = String(number)
        var result = ""
        for (index, character) in digits.reversed().enumerated() {
            if index > 0, index % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return String(result.reversed())
    }
}

/// The selected event's payload as pretty JSON lines, remembered for the last payload shown:
/// encoding it costs more than the rest of a frame, and the selection rarely changes between
/// frames. A memo of a pure function, so views stay functions of the model.
enum PayloadLines {
    private static let last = Mutex<(JSONValue, [Line])?>(nil)

    static func lines(of payload: JSONValue) -> [Line] {
        if let hit = last.withLock({ memo in memo.flatMap { $0.0 == payload ? $0.1 : nil } }) { return hit }
        let lines = payload.prettyPrinted.split(separator: "\n", omittingEmptySubsequences: false).map { Line(String($0), style: Theme.code) }
        last.withLock { $0 = (payload, lines) }
        return lines
    }
}
