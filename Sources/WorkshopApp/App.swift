import TerminalUI
import WorkshopKit

/// The workshop's screens as an Elm loop: `update` turns messages into a new model and
/// effects, `view` draws a model into a grid. Neither does any I/O.
///
/// ```swift
/// var model = Model(catalog: catalog, size: terminal.size)
/// var effects = App.start(&model)
/// effects += App.update(&model, .intent(.rerun))
/// terminal.draw(App.view(model))
/// ```
public enum App {
    /// Below this size the app shows "terminal too small" instead of squeezed panes.
    public static let minimumSize = Size(width: 60, height: 18)

    /// The effects that open the model's current exercise when the app starts.
    public static func start(_ model: inout Model) -> [Effect] {
        open(model.currentID, in: &model)
    }

    /// Shows exercise `id` on the exercise screen, fresh, and asks for what it needs.
    static func open(_ id: String, in model: inout Model) -> [Effect] {
        model.currentID = id
        model.screen = .exercise
        model.overlay = nil
        model.instructions = nil
        model.instructionLines = []
        model.instructionWidth = 0
        model.hintsShown = min(max(0, model.hintsRevealed[id] ?? 0), model.current?.hints.count ?? 0)
        model.outcome = nil
        model.activity = .idle
        model.step = 0
        model.offsets = [:]
        model.streamSelection = ScrollState(selected: 0)
        model.eventSelection = ScrollState(selected: 0)
        model.streamsColumn = .events
        model.search = SearchState()
        model.browser = nil
        model.diff = nil
        guard model.current != nil else { return [] }
        return [
            .loadInstructions(exercise: id), .watch(exercise: id), .recordOpened(exercise: id),
            .runCheck(exercise: id, workspace: .exercises),
        ]
    }
}
