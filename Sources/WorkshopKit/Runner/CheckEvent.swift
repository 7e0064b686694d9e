import CheckReport

/// What a check is doing, as it goes: the TUI shows "Checking facts…" on the first event, which
/// arrives before any process starts.
public enum CheckEvent: Sendable, Equatable {
    /// Sent at once, before the build starts.
    case checking(exercise: String, workspace: Workspace)
    /// The build is running.
    case building
    /// The build succeeded; the check program is running.
    case running
    /// A line the running program reported (a full-size run's progress and steps, live).
    case reported(ReportLine)
    /// The result. Not sent when the check was cancelled.
    case finished(CheckOutcome)
}
