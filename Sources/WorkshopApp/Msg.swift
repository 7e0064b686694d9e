import TerminalUI
import WorkshopKit

/// Something that happened, for `update`: an intent from a key, or the answer to an effect.
public enum Msg: Sendable, Equatable {
    /// A key, already mapped by `Keymap`.
    case intent(Intent)
    /// The terminal is now this size.
    case resized(Size)
    /// The exercise's instructions (Markdown), or why they could not be read.
    case instructionsLoaded(exercise: String, text: String)
    /// A running check moved on, or finished (`.finished`).
    case checkProgressed(CheckEvent)
    /// A running full-size run moved on (progress and steps arrive live), or finished.
    case fullSizeProgressed(CheckEvent)
    /// One of the current exercise's files was saved (path relative to the project root).
    case fileSaved(path: String)
    /// The editor exited; `error` when it could not be started.
    case editorClosed(error: String?)
    /// The exercise's files were restored; `error` when that failed.
    case exerciseReset(exercise: String, error: String?)
    /// The exercise's files beside the solution's.
    case diffLoaded(DiffDocument)
    /// A page of the sample store.
    case storePageLoaded(StorePage)
    /// The sample store cannot be read; the sentence says why and what to do.
    case storeUnavailable(String)
    /// Time passed while a check runs: animates the "Checking…" spinner.
    case tick
    /// Something went wrong that the learner should read (a sentence).
    case failed(String)
}
