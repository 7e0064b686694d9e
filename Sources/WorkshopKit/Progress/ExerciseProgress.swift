/// How the exercise list shows an exercise.
public enum ListStatus: String, Codable, Sendable, Hashable {
    /// Not checked yet (or reset since).
    case pending
    /// The last check passed.
    case passed
    /// The last check did not pass (failed, did not compile, crashed, timed out).
    case failed
}

/// One exercise's progress, folded from its events.
public struct ExerciseProgress: Sendable, Hashable {
    public var status: ListStatus = .pending
    /// The last check's status, if any.
    public var lastCheck: CheckStatus?
    /// Passed at least once since the last reset: the exercise is finished.
    public var completed = false
    /// How many hints the learner has seen (0 = none).
    public var hintsRevealed = 0

    public init() {}

    mutating func apply(_ event: ProgressEvent) {
        switch event {
        case .exerciseOpened:
            break
        case .checkRan(let check):
            lastCheck = check.status
            status = check.status == .passed ? .passed : .failed
        case .hintRevealed(let hint):
            hintsRevealed = max(hintsRevealed, hint.level)
        case .exerciseReset:
            // Starting over means starting over: the hints are hidden again too.
            status = .pending
            lastCheck = nil
            completed = false
            hintsRevealed = 0
        case .exerciseCompleted:
            completed = true
        }
    }
}

/// The read model of progress: every exercise's state and the one the learner was last on.
public struct ProgressSummary: Sendable, Hashable {
    public var exercises: [String: ExerciseProgress] = [:]
    /// The exercise opened last.
    public var current: String?

    public init() {}

    /// An exercise's progress (pending with no hints when nothing happened yet).
    public func progress(of exercise: String) -> ExerciseProgress {
        exercises[exercise] ?? ExerciseProgress()
    }

    /// Where to resume: the first exercise, in curriculum order, that is not completed; the last
    /// one when all are.
    public func resume(in catalog: Catalog) -> Exercise? {
        catalog.exercises.first { !progress(of: $0.id).completed } ?? catalog.exercises.last
    }

    mutating func apply(_ event: ProgressEvent) {
        exercises[event.exercise, default: ExerciseProgress()].apply(event)
        if case .exerciseOpened(let opened) = event { current = opened.exercise }
    }
}
