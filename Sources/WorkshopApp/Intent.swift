/// What a key means, decided once at the edge (`Keymap`) so `update` never sees raw keys.
public enum Intent: Sendable, Hashable {
    case quit
    /// Esc: close what is open, or go back a screen.
    case back
    case help
    case focusNext, focusPrevious
    case focus(Pane)
    case up, down, left, right
    case pageUp, pageDown
    case top, bottom
    /// Enter: open the selected exercise, confirm a search, follow an event to its stream.
    case select
    /// `/`: start typing a search (or the list's filter).
    case startSearch
    /// `n`: the next search match when a search is active, else the next exercise.
    case next
    /// `N`: the previous search match.
    case previousMatch
    case rerun
    case hint
    case list
    case reset
    case edit
    case stepBack, stepForward
    case runSolution
    /// `p` / `P`: the full-size run on the seeded sample store, of the learner's code / the solution.
    case fullSizeRun, fullSizeSolution
    case diff
    case zoom
    case redraw
    /// `b`: the Streams pane browses the sample store instead of the scenario.
    case browseStore
    /// `y` and `n` in a confirmation.
    case confirm, decline
    /// A character typed into the search or filter.
    case type(Character)
    /// Backspace in the search or filter.
    case erase
    /// The terminal changed size (the runtime reads the new size).
    case resize
}
