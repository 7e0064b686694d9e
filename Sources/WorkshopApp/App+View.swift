import TerminalUI
import WorkshopKit

extension App {
    /// Draws `model` at `model.size`: the screen, then any overlay; "terminal too small"
    /// below `minimumSize`.
    public static func view(_ model: Model) -> Grid {
        guard model.size.isAtLeast(minimumSize) else {
            return TerminalTooSmall.screen(size: model.size, minimum: minimumSize)
        }
        var grid = Grid(size: model.size)
        switch model.screen {
        case .exercise: grid.render(ExerciseScreen(model: model), in: grid.area)
        case .list: grid.render(ListScreen(model: model), in: grid.area)
        case .diff: grid.render(DiffScreen(model: model), in: grid.area)
        }
        switch model.overlay {
        case .help: grid.render(HelpOverlay(glyphs: model.glyphs), in: grid.area)
        case .confirmReset(let id): grid.render(ConfirmOverlay(exercise: id, glyphs: model.glyphs), in: grid.area)
        case nil: break
        }
        return grid
    }
}
