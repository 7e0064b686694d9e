import EventSourcing

/// The learner's progress in one exercise as a decider, run through `CommandHandler` on the
/// exercise's stream (`exercise-{id}`) with exact expected versions: the app practises what
/// the workshop teaches. Commands that change nothing decide no events.
///
/// ```swift
/// let events = try ProgressDecider.decider.decide(.reset(exercise: "facts"), ExerciseProgress())
/// // [] — nothing to start over
/// ```
public enum ProgressDecider {
    public static let decider = Decider<ProgressCommand, ProgressEvent, ExerciseProgress>(
        initialState: ExerciseProgress(),
        evolve: { state, event in
            var state = state
            state.apply(event)
            return state
        },
        decide: { command, state in decide(command, state) }
    )

    static func decide(_ command: ProgressCommand, _ state: ExerciseProgress) -> [ProgressEvent] {
        switch command {
        case .open(let exercise, let current):
            return current == exercise ? [] : [.exerciseOpened(ExerciseOpened(exercise: exercise))]
        case .recordCheck(let ran):
            // Every run is a fact (the class board counts attempts); completion only once.
            var events: [ProgressEvent] = [.checkRan(ran)]
            if ran.status == .passed, !state.completed {
                events.append(.exerciseCompleted(ExerciseCompleted(exercise: ran.exercise)))
            }
            return events
        case .revealHint(let exercise, let level, let hintCount):
            let target = min(max(1, level ?? state.hintsRevealed + 1), hintCount)
            return target > state.hintsRevealed ? [.hintRevealed(HintRevealed(exercise: exercise, level: target))] : []
        case .reset(let exercise):
            return state == ExerciseProgress() ? [] : [.exerciseReset(ExerciseReset(exercise: exercise))]
        }
    }
}
