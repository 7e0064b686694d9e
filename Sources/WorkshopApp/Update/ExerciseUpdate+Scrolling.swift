import TerminalUI

extension ExerciseUpdate {
    /// Moves the focused pane: scrolls a text, or moves the Streams pane's selection (the
    /// store browser pages past either end of a page).
    static func move(_ move: ScrollMove, _ model: inout Model) -> [Effect] {
        let metrics = model.metrics
        guard model.focus == .streams else {
            let inner = metrics.inner(model.focus)
            let count = PaneText.lines(model.focus, model, width: inner.width).count
            model.offsets[model.focus] = move.offset(from: model.offsets[model.focus] ?? 0, lineCount: count, height: inner.height)
            return []
        }
        if let browser = model.browser { return StoreBrowserUpdate.move(move, browser, &model) }
        guard let scenario = model.scenario else { return [] }
        switch model.streamsColumn {
        case .streams:
            model.streamSelection.apply(move, itemCount: scenario.streams.count + 1, viewportHeight: metrics.streamRows)
            model.eventSelection = ScrollState(selected: 0)
        case .events:
            model.eventSelection.apply(move, itemCount: StreamsPane.events(model, scenario).count, viewportHeight: metrics.eventRows)
        }
        return []
    }

    /// After a step, selects the first event the step appended so its JSON is on screen.
    static func selectAppended(_ model: inout Model) {
        guard let scenario = model.scenario else { return }
        model.streamSelection = ScrollState(selected: 0)
        let events = scenario.events
        let index = events.firstIndex { scenario.appendedIDs.contains($0.eventID) } ?? max(0, events.count - 1)
        model.eventSelection.select(index, itemCount: events.count, viewportHeight: model.metrics.eventRows)
    }

    /// Keeps the Streams pane's selections inside the scenario now shown.
    static func clampStreams(_ model: inout Model) {
        guard let scenario = model.scenario else {
            model.streamSelection = ScrollState(selected: 0)
            model.eventSelection = ScrollState(selected: 0)
            return
        }
        let metrics = model.metrics
        model.streamSelection.select(model.streamSelection.selected ?? 0, itemCount: scenario.streams.count + 1, viewportHeight: metrics.streamRows)
        let events = StreamsPane.events(model, scenario)
        model.eventSelection.select(model.eventSelection.selected ?? 0, itemCount: events.count, viewportHeight: metrics.eventRows)
    }

    /// Keeps the text panes' offsets inside their texts (after a resize or a new outcome).
    static func clampOffsets(_ model: inout Model) {
        let metrics = model.metrics
        for pane in [Pane.instructions, .tests, .readModels] {
            guard let offset = model.offsets[pane] else { continue }
            let inner = metrics.inner(pane)
            let count = PaneText.lines(pane, model, width: inner.width).count
            model.offsets[pane] = min(offset, max(0, count - inner.height))
        }
    }

    /// Renders the instructions once per width, so frames and key presses stay cheap.
    static func refreshInstructionLines(_ model: inout Model) {
        guard let text = model.instructions else { return }
        let width = model.metrics.inner(.instructions).width
        guard width > 0, width != model.instructionWidth else { return }
        model.instructionLines = Markdown(glyphs: model.glyphs).lines(text, width: width)
        model.instructionWidth = width
    }
}
