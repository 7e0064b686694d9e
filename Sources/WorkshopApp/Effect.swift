import WorkshopKit

/// A side effect `update` asks for; the runtime performs it and answers with messages.
///
/// Effects are plain values so tests assert them with `==`:
///
/// ```swift
/// let effects = App.update(&model, .intent(.rerun))
/// #expect(effects == [.runCheck(exercise: "facts", workspace: .exercises)])
/// ```
public enum Effect: Sendable, Equatable {
    /// Reads the exercise's instructions: answered by `instructionsLoaded`.
    case loadInstructions(exercise: String)
    /// Builds and checks an exercise, cancelling any check still running: answered by
    /// `checkProgressed` messages ending with `.finished`.
    case runCheck(exercise: String, workspace: Workspace)
    /// Builds an exercise and runs its full-size run on the sample store, cancelling any check
    /// still running: answered by `fullSizeProgressed` messages ending with `.finished`.
    case runFullSize(exercise: String, workspace: Workspace)
    /// Watches the exercise's files (replacing the previous watch): answered by `fileSaved`.
    case watch(exercise: String)
    /// Records in the progress store that the learner opened this exercise.
    case recordOpened(exercise: String)
    /// Records a check of the learner's own code in the progress store.
    case recordOutcome(CheckOutcome)
    /// Records that the learner has seen hints up to `level` (1-based).
    case recordHint(exercise: String, level: Int)
    /// Hands the terminal to `$VISUAL`/`$EDITOR` on `path` (relative to the project root),
    /// at `line` when known: answered by `editorClosed`.
    case openEditor(path: String, line: Int?)
    /// Restores the exercise's pristine files: answered by `exerciseReset`.
    case resetExercise(exercise: String)
    /// Reads the exercise's files and the solution's: answered by `diffLoaded`.
    case loadDiff(exercise: String)
    /// Reads one page of the sample store: answered by `storePageLoaded` or `storeUnavailable`.
    case loadStorePage(StoreQuery)
    /// Repaints every cell (Ctrl-L).
    case redraw
    /// Rings the bell (a key that does nothing here).
    case bell
    /// Restores the terminal and ends the program.
    case quit
}
