/// The main screens of the app; overlays (help, confirmation) are drawn over them.
public enum Screen: Sendable, Hashable {
    /// Every exercise by stage, with progress.
    case list
    /// One exercise in four panes.
    case exercise
    /// The exercise's files against the solution's (`d`).
    case diff
}

/// A box drawn over the current screen that takes the keys until it is closed.
public enum Overlay: Sendable, Hashable {
    /// Every key, grouped (`?`).
    case help
    /// "Reset this exercise?" waiting for `y` (`x`).
    case confirmReset(exercise: String)
}
