import CheckReport
import EventSourcing
import Foundation

/// Everything one check of one exercise produced: `workshop check --json` prints it, the TUI
/// shows it in its panes.
///
/// ```json
/// {"exercise": "facts", "status": "failed", "tests": [{"name", "passed", "message"}],
///  "diagnostics": [...], "trace": [steps], "seconds": 1.02, "output": "..."}
/// ```
public struct CheckOutcome: Codable, Sendable, Equatable {
    public var exercise: String
    public var workspace: Workspace
    public var status: CheckStatus
    /// Each check's result, in the order they ran (also the ones before a crash).
    public var tests: [CheckResult]
    public var diagnostics: [Diagnostic]
    /// The scenario steps the checks recorded: what came in, what was appended, read models.
    public var trace: [TraceStep]
    /// Wall time from the start of the build to the result.
    public var seconds: Double
    /// Seconds spent building (the rest was running the checks).
    public var buildSeconds: Double
    /// The build's output when it failed, else the check program's own output; capped.
    public var output: String
    /// A sentence explaining the status when the report alone does not (timeouts, crashes).
    public var note: String?
    /// The exercise's checks, or its full-size run on the sample store.
    public var kind: RunKind
    /// Whether SwiftPM built the check program or the runner ran SwiftPM's planned jobs itself.
    public var build: BuildPath
    /// Why SwiftPM built although a direct build was possible in principle (nil otherwise).
    public var fallback: String?

    public init(
        exercise: String, workspace: Workspace, status: CheckStatus, tests: [CheckResult] = [], diagnostics: [Diagnostic] = [],
        trace: [TraceStep] = [], seconds: Double = 0, buildSeconds: Double = 0, output: String = "", note: String? = nil,
        kind: RunKind = .checks, build: BuildPath = .swiftPM, fallback: String? = nil
    ) {
        self.exercise = exercise
        self.workspace = workspace
        self.status = status
        self.tests = tests
        self.diagnostics = diagnostics
        self.trace = trace
        self.seconds = seconds
        self.buildSeconds = buildSeconds
        self.output = output
        self.note = note
        self.kind = kind
        self.build = build
        self.fallback = fallback
    }

    enum CodingKeys: String, CodingKey {
        case exercise, workspace, status, tests, diagnostics, trace, seconds, output, note, kind, build, fallback
        case buildSeconds = "build_seconds"
    }

    /// A check result with `message` always present (null when it passed), as `check --json`
    /// promises every field.
    private struct TestEntry: Codable {
        var name: String
        var passed: Bool
        var message: String?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(passed, forKey: .passed)
            try container.encode(message, forKey: .message)
        }

        enum CodingKeys: String, CodingKey { case name, passed, message }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        exercise = try container.decode(String.self, forKey: .exercise)
        workspace = try container.decodeIfPresent(Workspace.self, forKey: .workspace) ?? .exercises
        status = try container.decode(CheckStatus.self, forKey: .status)
        tests = try container.decode([TestEntry].self, forKey: .tests).map { CheckResult(name: $0.name, passed: $0.passed, message: $0.message) }
        diagnostics = try container.decode([Diagnostic].self, forKey: .diagnostics)
        trace = try container.decodeIfPresent([TraceStep].self, forKey: .trace) ?? []
        seconds = try container.decode(Double.self, forKey: .seconds)
        buildSeconds = try container.decodeIfPresent(Double.self, forKey: .buildSeconds) ?? 0
        output = try container.decodeIfPresent(String.self, forKey: .output) ?? ""
        note = try container.decodeIfPresent(String.self, forKey: .note)
        kind = try container.decodeIfPresent(RunKind.self, forKey: .kind) ?? .checks
        build = try container.decodeIfPresent(BuildPath.self, forKey: .build) ?? .swiftPM
        fallback = try container.decodeIfPresent(String.self, forKey: .fallback)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(exercise, forKey: .exercise)
        try container.encode(workspace, forKey: .workspace)
        try container.encode(status, forKey: .status)
        try container.encode(tests.map { TestEntry(name: $0.name, passed: $0.passed, message: $0.message) }, forKey: .tests)
        try container.encode(diagnostics, forKey: .diagnostics)
        try container.encode(trace, forKey: .trace)
        try container.encode(seconds, forKey: .seconds)
        try container.encode(buildSeconds, forKey: .buildSeconds)
        try container.encode(output, forKey: .output)
        try container.encodeIfPresent(note, forKey: .note)
        try container.encode(kind, forKey: .kind)
        try container.encode(build, forKey: .build)
        try container.encodeIfPresent(fallback, forKey: .fallback)
    }

    /// The encoder `check --json` uses: sorted keys, ISO 8601 dates (as in the report).
    public static var encoder: JSONEncoder { JSONCoding.encoder() }

    /// The decoder matching `encoder`.
    public static var decoder: JSONDecoder { JSONCoding.decoder() }
}

/// What a run of an exercise's check program did.
public enum RunKind: String, Sendable, Hashable, Codable {
    /// The given/when/then checks on small histories (`workshop check`).
    case checks
    /// The learner's code against the seeded sample store (`workshop sample`).
    case fullSize = "full_size"
}
