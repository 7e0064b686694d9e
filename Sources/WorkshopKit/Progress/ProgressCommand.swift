/// What the learner (or the app on their behalf) asks of their progress; `ProgressDecider`
/// turns each into the events it implies, or none when it changes nothing.
public enum ProgressCommand: Sendable, Hashable {
    /// Move to `exercise`; `current` is the exercise the learner was last on.
    case open(exercise: String, current: String?)
    /// A check of the learner's own code ran (with its status, counts and failing checks).
    case recordCheck(CheckRan)
    /// Show hints up to `level` (the next one when nil), of the exercise's `hintCount`.
    case revealHint(exercise: String, level: Int?, hintCount: Int)
    /// The exercise's files were restored: start it over.
    case reset(exercise: String)

    /// The exercise whose stream the command is about.
    public var exercise: String {
        switch self {
        case .open(let exercise, _), .revealHint(let exercise, _, _), .reset(let exercise):
            exercise
        case .recordCheck(let ran):
            ran.exercise
        }
    }
}
