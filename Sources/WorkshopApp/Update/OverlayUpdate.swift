/// Keys while an overlay is open: help closes on any key, a confirmation waits for y or n.
enum OverlayUpdate {
    static func update(_ overlay: Overlay, _ intent: Intent, _ model: inout Model) -> [Effect] {
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
}
