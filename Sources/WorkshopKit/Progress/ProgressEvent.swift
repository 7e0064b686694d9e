import EventSourcing
import Foundation

/// What happened to the learner's progress, recorded as events in `.workshop/progress.sqlite`
/// (one stream per exercise, `exercise-{id}`).
public enum ProgressEvent: Sendable, Hashable {
    case exerciseOpened(ExerciseOpened)
    case checkRan(CheckRan)
    case hintRevealed(HintRevealed)
    case exerciseReset(ExerciseReset)
    case exerciseCompleted(ExerciseCompleted)

    /// The exercise the event is about.
    public var exercise: String {
        switch self {
        case .exerciseOpened(let event): event.exercise
        case .checkRan(let event): event.exercise
        case .hintRevealed(let event): event.exercise
        case .exerciseReset(let event): event.exercise
        case .exerciseCompleted(let event): event.exercise
        }
    }

    /// The stream of an exercise's progress.
    public static func streamID(exercise: String) -> String { "exercise-\(exercise)" }

    /// Every progress event type, registered once.
    public static let codec: EventCodec<ProgressEvent> = {
        var codec = EventCodec<ProgressEvent>()
        codec.register(ExerciseOpened.self, as: "ExerciseOpened", embed: ProgressEvent.exerciseOpened,
                       extract: { if case .exerciseOpened(let e) = $0 { e } else { nil } })
        codec.register(CheckRan.self, as: "CheckRan", embed: ProgressEvent.checkRan,
                       extract: { if case .checkRan(let e) = $0 { e } else { nil } })
        codec.register(HintRevealed.self, as: "HintRevealed", embed: ProgressEvent.hintRevealed,
                       extract: { if case .hintRevealed(let e) = $0 { e } else { nil } })
        codec.register(ExerciseReset.self, as: "ExerciseReset", embed: ProgressEvent.exerciseReset,
                       extract: { if case .exerciseReset(let e) = $0 { e } else { nil } })
        codec.register(ExerciseCompleted.self, as: "ExerciseCompleted", embed: ProgressEvent.exerciseCompleted,
                       extract: { if case .exerciseCompleted(let e) = $0 { e } else { nil } })
        return codec
    }()
}

/// The learner moved to an exercise (the TUI showed it, or a command named it).
public struct ExerciseOpened: Codable, Sendable, Hashable {
    public var exercise: String
    public init(exercise: String) { self.exercise = exercise }
}

/// A check of the learner's exercise ran, with this status.
///
/// The counts, the failing checks' names and the first diagnostic are what a classroom board
/// shows the trainer; they are facts about the run, never the learner's code. Events recorded
/// before they existed decode with them absent.
public struct CheckRan: Codable, Sendable, Hashable {
    public var exercise: String
    public var status: CheckStatus
    public var seconds: Double?
    public var passedCount: Int?
    public var failedCount: Int?
    /// The names of the checks that failed, in the order they ran.
    public var failingChecks: [String]?
    /// The first compiler error's message (no file contents, no path), when it did not build.
    public var firstDiagnostic: String?

    public init(
        exercise: String, status: CheckStatus, seconds: Double? = nil, passedCount: Int? = nil, failedCount: Int? = nil,
        failingChecks: [String]? = nil, firstDiagnostic: String? = nil
    ) {
        self.exercise = exercise
        self.status = status
        self.seconds = seconds
        self.passedCount = passedCount
        self.failedCount = failedCount
        self.failingChecks = failingChecks
        self.firstDiagnostic = firstDiagnostic
    }

    enum CodingKeys: String, CodingKey {
        case exercise, status, seconds
        case passedCount = "passed_count", failedCount = "failed_count"
        case failingChecks = "failing_checks", firstDiagnostic = "first_diagnostic"
    }
}

/// The learner revealed hints up to `level` (1 is the first hint).
public struct HintRevealed: Codable, Sendable, Hashable {
    public var exercise: String
    public var level: Int
    public init(exercise: String, level: Int) {
        self.exercise = exercise
        self.level = level
    }
}

/// The exercise's files were restored to their pristine state.
public struct ExerciseReset: Codable, Sendable, Hashable {
    public var exercise: String
    public init(exercise: String) { self.exercise = exercise }
}

/// The exercise passed its checks for the first time (since its last reset).
public struct ExerciseCompleted: Codable, Sendable, Hashable {
    public var exercise: String
    public init(exercise: String) { self.exercise = exercise }
}
