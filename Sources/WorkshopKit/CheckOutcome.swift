import EventSourcingTesting
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

    public init(
        exercise: String, workspace: Workspace, status: CheckStatus, tests: [CheckResult] = [], diagnostics: [Diagnostic] = [],
        trace: [TraceStep] = [], seconds: Double = 0, buildSeconds: Double = 0, output: String = "", note: String? = nil
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
    }

    enum CodingKeys: String, CodingKey {
        case exercise, workspace, status, tests, diagnostics, trace, seconds, output, note
        case buildSeconds = "build_seconds"
    }

    /// The encoder `check --json` uses: sorted keys, ISO 8601 dates (as in the report).
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// The decoder matching `encoder`.
    public static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
