import TerminalUI
import WorkshopKit

extension App {
    /// Applies `msg` to `model` and returns the effects to run, in order.
    ///
    /// Keys go to the overlay, the search being typed, or the screen on show (one `update` per
    /// screen); answers from effects go to the part of the model they are about.
    public static func update(_ model: inout Model, _ msg: Msg) -> [Effect] {
        switch msg {
        case .intent(let intent):
            // A message is read once: the next key clears it.
            if intent != .redraw { model.message = nil }
            return route(intent, &model)
        case .resized(let size):
            model.size = size
            ExerciseUpdate.refreshInstructionLines(&model)
            ExerciseUpdate.clampOffsets(&model)
            return []
        case .instructionsLoaded(let id, let text):
            guard id == model.currentID else { return [] }
            model.instructions = text
            ExerciseUpdate.refreshInstructionLines(&model)
            return []
        case .checkProgressed(let event):
            return CheckUpdate.checkProgressed(event, &model)
        case .fullSizeProgressed(let event):
            return CheckUpdate.fullSizeProgressed(event, &model)
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
            return CheckUpdate.exerciseReset(id, error: error, &model)
        case .diffLoaded(let document):
            guard document.exercise == model.currentID else { return [] }
            model.diff = document
            model.diffOffset = 0
            return []
        case .storePageLoaded(let page):
            StoreBrowserUpdate.pageLoaded(page, &model)
            return []
        case .storeUnavailable(let reason):
            StoreBrowserUpdate.unavailable(reason, &model)
            return []
        case .tick:
            if model.activity.isChecking { model.spinner += 1 }
            return []
        case .failed(let sentence):
            model.message = sentence
            return []
        }
    }

    /// Sends a key's intent to whatever has the keys now.
    private static func route(_ intent: Intent, _ model: inout Model) -> [Effect] {
        switch intent {
        case .quit: return [.quit]
        case .redraw: return [.redraw]
        case .resize: return []
        default: break
        }
        if let overlay = model.overlay { return OverlayUpdate.update(overlay, intent, &model) }
        if model.search.isEditing || model.filter.isEditing { return SearchUpdate.typing(intent, &model) }
        switch model.screen {
        case .list: return ListUpdate.update(intent, &model)
        case .diff: return DiffUpdate.update(intent, &model)
        case .exercise: return ExerciseUpdate.update(intent, &model)
        }
    }
}
