/// The diff with the solution (`d`): scroll, back, edit.
enum DiffUpdate {
    static func update(_ intent: Intent, _ model: inout Model) -> [Effect] {
        let height = max(1, model.size.height - 3)
        if let move = intent.scrollMove(page: height) {
            model.diffOffset = move.offset(from: model.diffOffset, lineCount: DiffScreen.lines(model).count, height: height)
            return []
        }
        switch intent {
        case .back, .diff: model.screen = .exercise
        case .help: model.overlay = .help
        case .list: model.screen = .list
        case .edit: return ExerciseUpdate.editorEffect(model)
        default: return []
        }
        return []
    }
}
