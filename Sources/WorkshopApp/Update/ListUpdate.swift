/// The exercise list (`l`): move, filter, open.
enum ListUpdate {
    static func update(_ intent: Intent, _ model: inout Model) -> [Effect] {
        let count = model.listedExercises.count
        let page = max(1, model.size.height - 6)
        if let move = intent.scrollMove(page: page) {
            model.listSelection.apply(move, itemCount: count, viewportHeight: page)
            return []
        }
        switch intent {
        case .startSearch: model.filter = SearchState(query: "", isEditing: true)
        case .help: model.overlay = .help
        case .select:
            guard let index = model.listSelection.selected, model.listedExercises.indices.contains(index) else { return [] }
            let id = model.listedExercises[index].id
            if id == model.currentID {
                model.screen = .exercise
                return []
            }
            return App.open(id, in: &model)
        case .back:
            if !model.filter.query.isEmpty { model.filter = SearchState() } else { model.screen = .exercise }
        case .list: model.screen = .exercise
        default: return []
        }
        return []
    }
}
