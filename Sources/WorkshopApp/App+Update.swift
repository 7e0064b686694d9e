import TerminalUI
import WorkshopKit

extension App {
    /// Applies `msg` to `model` and returns the effects to run, in order.
    public static func update(_ model: inout Model, _ msg: Msg) -> [Effect] {
        switch msg {
        case .intent(let intent):
            // A message is read once: the next key clears it.
            if intent != .redraw { model.message = nil }
            return handle(intent, &model)
        case .resized(let size):
            model.size = size
            refreshInstructionLines(&model)
            clampOffsets(&model)
            return []
        case .instructionsLoaded(let id, let text):
            guard id == model.currentID else { return [] }
            model.instructions = text
            refreshInstructionLines(&model)
            return []
        case .checkProgressed(let event):
            return checkProgressed(event, &model)
        case .fullSizeProgressed(let event):
            return fullSizeProgressed(event, &model)
        case .fileSaved(let path):
            guard let exercise = model.current,
                  exercise.files.contains(where: { path == "Exercises/" + $0 || path == $0 }) else { return [] }
            return [.runCheck(exercise: exercise.id, workspace: .exercises)]
        case .editorClosed(let error):
            // A save while editing already started a check (the watcher saw it); closing the
            // editor without saving changes nothing, so there is nothing to run here.
            if let error { model.message = error }
            return []
        case .exerciseReset(let id, let error):
            if let error {
                model.message = error
                return []
            }
            model.marks[id] = .pending
            model.message = "\(id) is back to its starting files."
            model.hintsRevealed[id] = nil
            guard id == model.currentID else { return [] }
            model.hintsShown = 0
            return [.runCheck(exercise: id, workspace: .exercises)]
        case .diffLoaded(let document):
            guard document.exercise == model.currentID else { return [] }
            model.diff = document
            model.diffOffset = 0
            return []
        case .storePageLoaded(let page):
            guard var browser = model.browser, browser.pending == page.query else { return [] }
            browser.page = page
            browser.pending = nil
            browser.unavailable = nil
            let rows = StreamsLayout(inner: ExerciseLayout(size: model.size, focus: model.focus, isZoomed: model.isZoomed).inner(.streams)).eventRows
            let target = browser.selectLastOnArrival ? page.events.count - 1 : 0
            browser.selection = ScrollState(selected: 0)
            browser.selection.select(target, itemCount: page.events.count, viewportHeight: rows)
            model.browser = browser
            return []
        case .storeUnavailable(let reason):
            guard model.browser != nil else { return [] }
            model.browser?.unavailable = reason
            model.browser?.pending = nil
            return []
        case .tick:
            if model.activity.isChecking { model.spinner += 1 }
            return []
        case .failed(let sentence):
            model.message = sentence
            return []
        }
    }

    // MARK: Checks

    private static func checkProgressed(_ event: CheckEvent, _ model: inout Model) -> [Effect] {
        switch event {
        case .checking(let id, let workspace):
            guard id == model.currentID else { return [] }
            // A check replaces a full-size run still under way (the runtime cancelled it).
            model.fullSize = nil
            model.activity = .checking(exercise: id, workspace: workspace, phase: .starting)
        case .reported:
            return []
        case .building:
            if case .checking(let id, let workspace, _) = model.activity {
                model.activity = .checking(exercise: id, workspace: workspace, phase: .building)
            }
        case .running:
            if case .checking(let id, let workspace, _) = model.activity {
                model.activity = .checking(exercise: id, workspace: workspace, phase: .running)
            }
        case .finished(let outcome):
            var effects: [Effect] = []
            if outcome.workspace == .exercises {
                model.marks[outcome.exercise] = outcome.status == .passed ? .passed : .failed
                effects.append(.recordOutcome(outcome))
            }
            guard outcome.exercise == model.currentID else { return effects }
            model.activity = .idle
            let wasStepping = model.outcome.map { model.step < $0.trace.count - 1 } ?? false
            model.outcome = outcome
            // Keep the learner's place when they were stepping through; otherwise show the end.
            model.step = wasStepping ? min(model.step, max(0, outcome.trace.count - 1)) : max(0, outcome.trace.count - 1)
            clampStreams(&model)
            if !wasStepping { selectAppended(&model) }
            clampOffsets(&model)
            if outcome.status == .passed, outcome.workspace == .exercises {
                model.message = model.current.flatMap { model.catalog.exercise(after: $0) } == nil
                    ? "Passed! That was the last exercise." : "Passed! Press n for the next exercise."
            }
            return effects
        }
        return []
    }

    /// A full-size run: the same phases as a check, then live progress and steps, then an
    /// outcome that is shown like a check's but is not progress (the checks decide that).
    private static func fullSizeProgressed(_ event: CheckEvent, _ model: inout Model) -> [Effect] {
        switch event {
        case .checking(let id, let workspace):
            guard id == model.currentID else { return [] }
            model.activity = .checking(exercise: id, workspace: workspace, phase: .starting)
            model.fullSize = FullSizeRunState(workspace: workspace)
            return []
        case .building, .running:
            guard model.fullSize != nil else { return [] }
            return checkProgressed(event, &model)
        case .reported(.progress(let progress)):
            model.fullSize?.progress = progress
            return []
        case .reported(.step(let step)):
            guard model.fullSize != nil else { return [] }
            // Follow the newest step unless the learner is stepping through older ones.
            let following = model.step >= model.trace.count - 1 || model.fullSize?.steps.isEmpty == true
            model.fullSize?.steps.append(step)
            if following {
                model.step = model.trace.count - 1
                clampStreams(&model)
                selectAppended(&model)
            }
            return []
        case .reported:
            return []
        case .finished(let outcome):
            guard outcome.exercise == model.currentID, model.fullSize != nil else { return [] }
            model.activity = .idle
            model.fullSize = nil
            model.outcome = outcome
            model.step = max(0, outcome.trace.count - 1)
            clampStreams(&model)
            selectAppended(&model)
            clampOffsets(&model)
            model.message = outcome.status == .passed
                ? "The full-size run passed: step through it with [ and ]."
                : "The full-size run did not pass: the Tests pane says why."
            return []
        }
    }

    // MARK: Intents

    private static func handle(_ intent: Intent, _ model: inout Model) -> [Effect] {
        switch intent {
        case .quit: return [.quit]
        case .redraw: return [.redraw]
        case .resize: return []
        default: break
        }
        if let overlay = model.overlay { return handleOverlay(overlay, intent, &model) }
        if model.search.isEditing || model.filter.isEditing { return handleTyping(intent, &model) }
        switch model.screen {
        case .list: return handleList(intent, &model)
        case .diff: return handleDiff(intent, &model)
        case .exercise: return handleExercise(intent, &model)
        }
    }

    private static func handleOverlay(_ overlay: Overlay, _ intent: Intent, _ model: inout Model) -> [Effect] {
        switch overlay {
        case .help:
            // Any key closes help, so nobody is stuck in it.
            model.overlay = nil
            return []
        case .confirmReset(let id):
            switch intent {
            case .confirm:
                model.overlay = nil
                return [.resetExercise(exercise: id)]
            case .decline, .back:
                model.overlay = nil
                model.message = "Nothing was reset."
                return []
            default:
                return []
            }
        }
    }

    private static func handleTyping(_ intent: Intent, _ model: inout Model) -> [Effect] {
        let isFilter = model.filter.isEditing
        var state = isFilter ? model.filter : model.search
        switch intent {
        case .type(let character): state.query.append(character)
        case .erase: if !state.query.isEmpty { state.query.removeLast() }
        case .select: state.isEditing = false
        case .back: state = SearchState()
        case .up, .down:
            if isFilter { return handleList(intent, &model) }
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

    // MARK: List screen

    private static func handleList(_ intent: Intent, _ model: inout Model) -> [Effect] {
        let count = model.listedExercises.count
        let page = max(1, model.size.height - 6)
        switch intent {
        case .up: model.listSelection.moveSelection(by: -1, itemCount: count, viewportHeight: page)
        case .down: model.listSelection.moveSelection(by: 1, itemCount: count, viewportHeight: page)
        case .pageUp: model.listSelection.moveSelection(by: -page, itemCount: count, viewportHeight: page)
        case .pageDown: model.listSelection.moveSelection(by: page, itemCount: count, viewportHeight: page)
        case .top: model.listSelection.selectFirst(itemCount: count, viewportHeight: page)
        case .bottom: model.listSelection.selectLast(itemCount: count, viewportHeight: page)
        case .startSearch: model.filter = SearchState(query: "", isEditing: true)
        case .help: model.overlay = .help
        case .select:
            guard let index = model.listSelection.selected, model.listedExercises.indices.contains(index) else { return [] }
            let id = model.listedExercises[index].id
            if id == model.currentID {
                model.screen = .exercise
                return []
            }
            return open(id, in: &model)
        case .back:
            if !model.filter.query.isEmpty { model.filter = SearchState() } else { model.screen = .exercise }
        case .list: model.screen = .exercise
        default: return []
        }
        return []
    }

    // MARK: Diff screen

    private static func handleDiff(_ intent: Intent, _ model: inout Model) -> [Effect] {
        let total = DiffScreen.lines(model).count
        let height = max(1, model.size.height - 3)
        let maxOffset = max(0, total - height)
        switch intent {
        case .up: model.diffOffset -= 1
        case .down: model.diffOffset += 1
        case .pageUp: model.diffOffset -= height
        case .pageDown: model.diffOffset += height
        case .top: model.diffOffset = 0
        case .bottom: model.diffOffset = maxOffset
        case .back, .diff: model.screen = .exercise
        case .help: model.overlay = .help
        case .list: model.screen = .list
        case .edit: return editorEffect(model)
        default: return []
        }
        model.diffOffset = min(max(0, model.diffOffset), maxOffset)
        return []
    }

    // MARK: Exercise screen

    private static func handleExercise(_ intent: Intent, _ model: inout Model) -> [Effect] {
        guard let exercise = model.current else {
            if intent == .list { model.screen = .list }
            return []
        }
        switch intent {
        case .back:
            if !model.search.query.isEmpty {
                model.search = SearchState()
            } else if let browser = model.browser {
                if case .stream = browser.page?.query {
                    model.browser?.history = []
                    return requestPage(.log(after: 0), selectLast: false, &model)
                }
                model.browser = nil
            } else if model.isZoomed {
                model.isZoomed = false
            } else {
                return handleExercise(.list, &model)
            }
        case .help: model.overlay = .help
        case .focusNext: model.focus = model.focus.next
        case .focusPrevious: model.focus = model.focus.previous
        case .focus(let pane): model.focus = pane
        case .up: return move(by: -1, &model)
        case .down: return move(by: 1, &model)
        case .pageUp: return move(by: -page(model), &model)
        case .pageDown: return move(by: page(model), &model)
        case .top: return move(by: Int.min / 2, &model)
        case .bottom: return move(by: Int.max / 2, &model)
        case .left, .right:
            guard model.focus == .streams, model.browser == nil else { return [] }
            model.streamsColumn = intent == .left ? .streams : .events
        case .select:
            guard model.focus == .streams else { return [] }
            if let browser = model.browser {
                guard let page = browser.page, let index = browser.selection.selected, page.events.indices.contains(index) else { return [] }
                let event = page.events[index]
                if case .stream = page.query { return [] }
                model.browser?.history = []
                return requestPage(.stream(event.streamID, fromVersion: 1), selectLast: false, &model)
            }
            model.streamsColumn = model.streamsColumn == .streams ? .events : .streams
        case .startSearch: model.search = SearchState(query: "", isEditing: true)
        case .next:
            if !model.search.query.isEmpty {
                findMatch(forward: true, including: false, &model)
                return []
            }
            guard model.mark(of: exercise.id) == .passed else {
                model.message = "Next unlocks once \(exercise.id) passes (l lists every exercise)."
                return [.bell]
            }
            guard let next = model.catalog.exercise(after: exercise) else {
                model.message = "That was the last exercise. Well done!"
                return []
            }
            return open(next.id, in: &model)
        case .previousMatch:
            if !model.search.query.isEmpty { findMatch(forward: false, including: false, &model) }
        case .rerun: return [.runCheck(exercise: exercise.id, workspace: .exercises)]
        case .runSolution: return [.runCheck(exercise: exercise.id, workspace: .solutions)]
        case .fullSizeRun, .fullSizeSolution:
            guard exercise.fullSizeRun != nil else {
                let withRuns = model.catalog.exercises.filter { $0.fullSizeRun != nil }.map(\.id)
                model.message = withRuns.isEmpty
                    ? "No exercise has a full-size run."
                    : "\(exercise.id) has no full-size run; \(withRuns.joined(separator: " and ")) \(withRuns.count == 1 ? "has" : "have") one."
                return [.bell]
            }
            return [.runFullSize(exercise: exercise.id, workspace: intent == .fullSizeRun ? .exercises : .solutions)]
        case .hint:
            guard !exercise.hints.isEmpty else {
                model.message = "This exercise has no hints."
                return []
            }
            if model.hintsShown >= exercise.hints.count {
                model.message = "That was the last hint (\(exercise.hints.count) of \(exercise.hints.count))."
            } else {
                model.hintsShown += 1
                model.hintsRevealed[exercise.id] = model.hintsShown
                model.message = "Hint \(model.hintsShown) of \(exercise.hints.count), at the top of Instructions."
                model.offsets[.instructions] = 0
                return [.recordHint(exercise: exercise.id, level: model.hintsShown)]
            }
            model.offsets[.instructions] = 0
        case .list:
            model.screen = .list
            model.filter = SearchState()
            let index = model.catalog.exercises.firstIndex { $0.id == exercise.id } ?? 0
            model.listSelection = ScrollState(selected: index)
        case .reset: model.overlay = .confirmReset(exercise: exercise.id)
        case .edit: return editorEffect(model)
        case .stepBack, .stepForward:
            let trace = model.trace
            guard !trace.isEmpty else {
                model.message = "No scenario to step through yet: run the checks first (r)."
                return []
            }
            let target = model.step + (intent == .stepBack ? -1 : 1)
            guard trace.indices.contains(target) else { return [.bell] }
            model.step = target
            selectAppended(&model)
        case .diff:
            model.screen = .diff
            model.diff = nil
            model.diffOffset = 0
            return [.loadDiff(exercise: exercise.id)]
        case .zoom: model.isZoomed.toggle()
        case .browseStore:
            if model.browser != nil {
                model.browser = nil
                return []
            }
            model.browser = StoreBrowser()
            model.focus = .streams
            return requestPage(.log(after: 0), selectLast: false, &model)
        default: return []
        }
        refreshInstructionLines(&model)
        return []
    }

    /// The effect that opens the current exercise in the editor: the file and line of the
    /// first compiler error in one of its files, else its first file.
    private static func editorEffect(_ model: Model) -> [Effect] {
        guard let exercise = model.current, let first = exercise.files.first else { return [] }
        let paths = exercise.files.map { "Exercises/" + $0 }
        if let error = model.outcome?.diagnostics.first(where: { $0.severity == .error && paths.contains($0.file) }) {
            return [.openEditor(path: error.file, line: error.line)]
        }
        return [.openEditor(path: "Exercises/" + first, line: nil)]
    }

    private static func requestPage(_ query: StoreQuery, selectLast: Bool, _ model: inout Model) -> [Effect] {
        model.browser?.pending = query
        model.browser?.selectLastOnArrival = selectLast
        return [.loadStorePage(query)]
    }

    // MARK: Moving and scrolling

    private static func layout(_ model: Model) -> ExerciseLayout {
        ExerciseLayout(size: model.size, focus: model.focus, isZoomed: model.isZoomed)
    }

    private static func page(_ model: Model) -> Int {
        let inner = layout(model).inner(model.focus)
        guard model.focus == .streams else { return max(1, inner.height - 1) }
        let streams = StreamsLayout(inner: inner)
        return max(1, model.streamsColumn == .streams && model.browser == nil ? streams.streams.height : streams.eventRows)
    }

    /// Moves the focused pane by `delta` rows: scrolls text, or moves a selection (asking for
    /// the next or previous page of the sample store past either end of a page).
    private static func move(by delta: Int, _ model: inout Model) -> [Effect] {
        let inner = layout(model).inner(model.focus)
        guard model.focus == .streams else {
            let count = PaneText.lines(model.focus, model, width: inner.width).count
            let target = clampedAdd(model.offsets[model.focus] ?? 0, delta)
            model.offsets[model.focus] = min(max(0, target), max(0, count - inner.height))
            return []
        }
        let streams = StreamsLayout(inner: inner)
        if var browser = model.browser {
            guard let page = browser.page, browser.pending == nil, !page.events.isEmpty else { return [] }
            let count = page.events.count
            let selected = browser.selection.selected ?? 0
            let target = clampedAdd(selected, delta)
            if target >= count, count >= StoreBrowser.pageSize, let last = page.events.last, abs(delta) < Int.max / 4 {
                browser.history.append(page.query)
                model.browser = browser
                let next: StoreQuery = switch page.query {
                case .log: .log(after: last.position)
                case .stream(let id, _): .stream(id, fromVersion: last.streamVersion + 1)
                }
                return requestPage(next, selectLast: false, &model)
            }
            if target < 0, let previous = browser.history.popLast(), abs(delta) < Int.max / 4 {
                model.browser = browser
                return requestPage(previous, selectLast: true, &model)
            }
            browser.selection.select(min(max(0, target), count - 1), itemCount: count, viewportHeight: streams.eventRows)
            model.browser = browser
            return []
        }
        guard let scenario = model.scenario else { return [] }
        switch model.streamsColumn {
        case .streams:
            let count = scenario.streams.count + 1
            let selected = model.streamSelection.selected ?? 0
            model.streamSelection.select(clampedAdd(selected, delta), itemCount: count, viewportHeight: streams.streams.height)
            model.eventSelection = ScrollState(selected: 0)
        case .events:
            let count = StreamsPane.events(model, scenario).count
            let selected = model.eventSelection.selected ?? 0
            model.eventSelection.select(clampedAdd(selected, delta), itemCount: count, viewportHeight: streams.eventRows)
        }
        return []
    }

    private static func clampedAdd(_ value: Int, _ delta: Int) -> Int {
        let (sum, overflow) = value.addingReportingOverflow(delta)
        return overflow ? (delta > 0 ? Int.max / 2 : 0) : sum
    }

    /// After a step, selects the first event the step appended so its JSON is on screen.
    private static func selectAppended(_ model: inout Model) {
        guard let scenario = model.scenario else { return }
        model.streamSelection = ScrollState(selected: 0)
        let events = scenario.events
        let rows = StreamsLayout(inner: layout(model).inner(.streams)).eventRows
        let index = events.firstIndex { scenario.appendedIDs.contains($0.eventID) } ?? max(0, events.count - 1)
        model.eventSelection.select(index, itemCount: events.count, viewportHeight: rows)
    }

    private static func clampStreams(_ model: inout Model) {
        guard let scenario = model.scenario else {
            model.streamSelection = ScrollState(selected: 0)
            model.eventSelection = ScrollState(selected: 0)
            return
        }
        let streams = StreamsLayout(inner: layout(model).inner(.streams))
        let streamCount = scenario.streams.count + 1
        model.streamSelection.select(model.streamSelection.selected ?? 0, itemCount: streamCount, viewportHeight: streams.streams.height)
        let events = StreamsPane.events(model, scenario)
        model.eventSelection.select(model.eventSelection.selected ?? 0, itemCount: events.count, viewportHeight: streams.eventRows)
    }

    private static func clampOffsets(_ model: inout Model) {
        let layout = layout(model)
        for pane in [Pane.instructions, .tests, .readModels] {
            guard let offset = model.offsets[pane] else { continue }
            let inner = layout.inner(pane)
            let count = PaneText.lines(pane, model, width: inner.width).count
            model.offsets[pane] = min(offset, max(0, count - inner.height))
        }
    }

    /// Renders the instructions once per width, so frames and key presses stay cheap.
    static func refreshInstructionLines(_ model: inout Model) {
        guard let text = model.instructions else { return }
        let width = layout(model).inner(.instructions).width
        guard width > 0, width != model.instructionWidth else { return }
        model.instructionLines = Markdown(glyphs: model.glyphs).lines(text, width: width)
        model.instructionWidth = width
    }

    // MARK: Search

    /// Moves the focused pane to the next (or previous) line matching the search.
    private static func findMatch(forward: Bool, including: Bool, _ model: inout Model) {
        let inner = layout(model).inner(model.focus)
        if model.focus == .streams, model.browser == nil, let scenario = model.scenario {
            let events = StreamsPane.events(model, scenario)
            let texts = events.map { "\($0.streamID) \($0.eventType) \($0.data.prettyPrinted)" }
            let start = model.eventSelection.selected ?? 0
            if let index = nextIndex(in: texts, from: start, forward: forward, including: including, model.search) {
                model.eventSelection.select(index, itemCount: events.count, viewportHeight: StreamsLayout(inner: inner).eventRows)
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
