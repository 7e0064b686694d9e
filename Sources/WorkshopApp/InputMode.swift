/// How keys are read at the moment: normal keys, typed text, or a yes/no answer.
public enum InputMode: Sendable, Hashable {
    case normal
    /// Typing a search or filter: characters are text, Enter confirms, Esc cancels.
    case text
    /// A confirmation is open: `y` or `n`.
    case confirmation
}
