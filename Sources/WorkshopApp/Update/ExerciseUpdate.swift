import TerminalUI
import WorkshopKit

/// The exercise screen: panes, checks, hints, steps through the scenario, and the ways out to
/// the other screens.
enum ExerciseUpdate {
    static func update(_ intent: Intent, _ model: inout Model) -> [Effect] {
        guard let exercise = model.current else {
            if intent == .list { model.screen = .list }
            return []
        }
        if let move = intent.scrollMove(page: model.metrics.page(model.focus, column: model.streamsColumn, browsing: model.browser != nil)) {
            return self.move(move, &model)
        }
        switch intent {
        case .back:
            if !model.search.query.isEmpty {
                model.search = SearchState()
            } else if let browser = model.browser {
                return StoreBrowserUpdate.back(browser, &model)
            } else if model.isZoomed {
                model.isZoomed = false
            } else {
                return update(.list, &model)
            }
        case .help: model.overlay = .help
        case .focusNext: model.focus = model.focus.next
        case .focusPrevious: model.focus = model.focus.previous
        case .focus(let pane): model.focus = pane
        case .left, .right:
            guard model.focus == .streams, model.browser == nil else { return [] }
            model.streamsColumn = intent == .left ? .streams : .events
        case .select:
            guard model.focus == .streams else { return [] }
            if let browser = model.browser { return StoreBrowserUpdate.select(browser, &model) }
            model.streamsColumn = model.streamsColumn == .streams ? .events : .streams
        case .startSearch: model.search = SearchState(query: "", isEditing: true)
        case .next:
            if !model.search.query.isEmpty {
                SearchUpdate.findMatch(forward: true, including: false, &model)
                return []
            }
            return next(after: exercise, &model)
        case .previousMatch:
            if !model.search.query.isEmpty { SearchUpdate.findMatch(forward: false, including: false, &model) }
        case .rerun: return [.runCheck(exercise: exercise.id, workspace: .exercises)]
        case .runSolution: return [.runCheck(exercise: exercise.id, workspace: .solutions)]
        case .fullSizeRun, .fullSizeSolution: return fullSizeRun(of: exercise, solution: intent == .fullSizeSolution, &model)
        case .hint: return hint(of: exercise, &model)
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
        case .browseStore: return StoreBrowserUpdate.toggle(&model)
        default: return []
        }
        refreshInstructionLines(&model)
        return []
    }

    /// `n`: the next exercise, once this one passed.
    private static func next(after exercise: Exercise, _ model: inout Model) -> [Effect] {
        guard model.mark(of: exercise.id) == .passed else {
            model.message = "Next unlocks once \(exercise.id) passes (l lists every exercise)."
            return [.bell]
        }
        guard let next = model.catalog.exercise(after: exercise) else {
            model.message = "That was the last exercise. Well done!"
            return []
        }
        return App.open(next.id, in: &model)
    }

    /// `p` / `P`: the full-size run, where the exercise has one.
    private static func fullSizeRun(of exercise: Exercise, solution: Bool, _ model: inout Model) -> [Effect] {
        guard exercise.fullSizeRun != nil else {
            let withRuns = model.catalog.exercises.filter { $0.fullSizeRun != nil }.map(\.id)
            model.message = withRuns.isEmpty
                ? "No exercise has a full-size run."
                : "\(exercise.id) has no full-size run; \(withRuns.joined(separator: " and ")) \(withRuns.count == 1 ? "has" : "have") one."
            return [.bell]
        }
        return [.runFullSize(exercise: exercise.id, workspace: solution ? .solutions : .exercises)]
    }

    /// `h`: one more hint, at the top of Instructions, recorded as progress.
    private static func hint(of exercise: Exercise, _ model: inout Model) -> [Effect] {
        guard !exercise.hints.isEmpty else {
            model.message = "This exercise has no hints."
            return []
        }
        model.offsets[.instructions] = 0
        guard model.hintsShown < exercise.hints.count else {
            model.message = "That was the last hint (\(exercise.hints.count) of \(exercise.hints.count))."
            refreshInstructionLines(&model)
            return []
        }
        model.hintsShown += 1
        model.hintsRevealed[exercise.id] = model.hintsShown
        model.message = "Hint \(model.hintsShown) of \(exercise.hints.count), at the top of Instructions."
        return [.recordHint(exercise: exercise.id, level: model.hintsShown)]
    }

    /// The effect that opens the current exercise in the editor: the file and line of the
    /// first compiler error in one of its files, else its first file.
    static func editorEffect(_ model: Model) -> [Effect] {
        guard let exercise = model.current, let first = exercise.files.first else { return [] }
        let paths = exercise.files.map { "Exercises/" + $0 }
        if let error = model.outcome?.diagnostics.first(where: { $0.severity == .error && paths.contains($0.file) }) {
            return [.openEditor(path: error.file, line: error.line)]
        }
        return [.openEditor(path: "Exercises/" + first, line: nil)]
    }
}
