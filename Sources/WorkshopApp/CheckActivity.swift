import WorkshopKit

/// What the runner is doing for the current exercise, shown in the header at once.
public enum CheckActivity: Sendable, Hashable {
    /// Nothing running.
    case idle
    /// A check of `exercise` in `workspace` is under way; `phase` says which part.
    case checking(exercise: String, workspace: Workspace, phase: Phase)

    /// The part of a check that is running.
    public enum Phase: Sendable, Hashable {
        case starting, building, running

        /// A word for the header.
        public var label: String {
            switch self {
            case .starting: "starting"
            case .building: "building"
            case .running: "running the checks"
            }
        }
    }

    /// Whether a check is under way.
    public var isChecking: Bool {
        if case .checking = self { true } else { false }
    }
}
