import CheckReport
import TerminalUI
import WorkshopKit

/// Everything the screens show, as a value: `update` changes it, `view` draws it.
///
/// ```swift
/// var model = Model(catalog: catalog, marks: progress, size: terminal.size)
/// let effects = App.start(&model)
/// ```
public struct Model: Sendable, Equatable {
    // MARK: The workshop
    public var catalog: Catalog
    /// How far the learner got with each exercise, by id; missing means pending.
    public var marks: [String: ListStatus]
    /// The exercise on the exercise screen.
    public var currentID: String

    // MARK: Screens
    public var screen: Screen = .exercise
    public var overlay: Overlay?
    public var size: Size
    public var glyphs: Glyphs
    /// The focused pane of the exercise screen.
    public var focus: Pane = .instructions
    /// Whether the focused pane fills the screen (`z`, for a projector).
    public var isZoomed = false
    /// A sentence shown in the status bar until the next key.
    public var message: String?

    // MARK: The current exercise
    /// Its instructions (Markdown), once loaded.
    public var instructions: String?
    /// The instructions rendered for the Instructions pane's width; kept so frames stay cheap.
    public var instructionLines: [Line] = []
    /// The width `instructionLines` were rendered for.
    public var instructionWidth = 0
    /// How many hints are shown (`h` shows one more).
    public var hintsShown = 0
    /// How many hints the learner has revealed of each exercise, by id (from the progress
    /// store at start, then as `h` reveals more): opening an exercise shows them again.
    public var hintsRevealed: [String: Int]
    public var activity: CheckActivity = .idle
    /// The latest finished check (or full-size run) of the current exercise.
    public var outcome: CheckOutcome?
    /// The full-size run under way, with what it has reported so far; nil otherwise.
    public var fullSize: FullSizeRunState?
    /// The trace step shown by Streams and Read models (`[` and `]`).
    public var step = 0
    /// Frames of the spinner while checking.
    public var spinner = 0

    // MARK: Pane states
    /// First visible line of the text panes (Instructions, Tests, Read models).
    public var offsets: [Pane: Int] = [:]
    /// The Streams pane: selected stream (0 is "all"), selected event, and which of the two
    /// lists the arrows move.
    public var streamSelection = ScrollState(selected: 0)
    public var eventSelection = ScrollState(selected: 0)
    public var streamsColumn: StreamsColumn = .events
    /// Browsing the sample store instead of the scenario, when set.
    public var browser: StoreBrowser?
    public var search = SearchState()

    // MARK: Other screens
    public var listSelection = ScrollState(selected: 0)
    public var filter = SearchState()
    public var diff: DiffDocument?
    public var diffOffset = 0

    /// The column of the Streams pane the arrows move in.
    public enum StreamsColumn: Sendable, Hashable { case streams, events }

    /// A model at the first unfinished exercise (or the first, when all passed).
    public init(
        catalog: Catalog, marks: [String: ListStatus] = [:], hintsRevealed: [String: Int] = [:], size: Size,
        glyphs: Glyphs = .unicode, currentID: String? = nil
    ) {
        self.catalog = catalog
        self.marks = marks
        self.hintsRevealed = hintsRevealed
        self.size = size
        self.glyphs = glyphs
        let firstUnfinished = catalog.exercises.first { marks[$0.id] != .passed } ?? catalog.exercises.first
        self.currentID = currentID ?? firstUnfinished?.id ?? ""
    }

    /// The exercise on screen, if the catalog has it.
    public var current: Exercise? { catalog.exercises.first { $0.id == currentID } }

    /// The mark of an exercise; pending when never checked.
    public func mark(of id: String) -> ListStatus { marks[id] ?? .pending }

    /// How keys are read now.
    public var inputMode: InputMode {
        if case .confirmReset = overlay { return .confirmation }
        if search.isEditing || filter.isEditing { return .text }
        return .normal
    }

    /// The steps the Streams and Read models panes show: those of a full-size run under way as
    /// they arrive, else those of the latest check.
    public var trace: [TraceStep] {
        if let fullSize, !fullSize.steps.isEmpty { return fullSize.steps }
        return outcome?.trace ?? []
    }

    /// The scenario state at the selected step of `trace`, if there is one.
    public var scenario: ScenarioState? {
        let trace = trace
        guard !trace.isEmpty else { return nil }
        return ScenarioState.at(min(max(0, step), trace.count - 1), in: trace)
    }

    /// Exercises shown on the list screen: all, or those matching the filter.
    public var listedExercises: [Exercise] {
        guard !filter.query.isEmpty else { return catalog.exercises }
        return catalog.exercises.filter { exercise in
            filter.matches(exercise.id) || filter.matches(exercise.title)
                || filter.matches(catalog.stage(id: exercise.stage)?.title ?? exercise.stage)
        }
    }
}

/// A full-size run under way: the learner's code over the seeded sample store, for minutes.
public struct FullSizeRunState: Sendable, Equatable {
    public var workspace: Workspace
    /// The latest progress it reported (drawn as a gauge), nil before the first.
    public var progress: RunProgress?
    /// The steps it has recorded so far.
    public var steps: [TraceStep] = []

    public init(workspace: Workspace, progress: RunProgress? = nil, steps: [TraceStep] = []) {
        self.workspace = workspace
        self.progress = progress
        self.steps = steps
    }
}
