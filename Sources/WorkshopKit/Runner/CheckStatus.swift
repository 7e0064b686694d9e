/// How a check of one exercise ended.
public enum CheckStatus: String, Codable, Sendable, Hashable, CaseIterable {
    /// Built, and every check passed.
    case passed
    /// Built, and at least one check failed.
    case failed
    /// The exercise (or its checks) did not compile.
    case compileError = "compile_error"
    /// The check program died before reporting its end (a trap, a fatalError, a signal).
    case crashed
    /// The build or the checks ran past their time limit and were stopped.
    case timedOut = "timed_out"

    /// A few words for a learner.
    public var summary: String {
        switch self {
        case .passed: "passed"
        case .failed: "failed"
        case .compileError: "does not compile"
        case .crashed: "crashed"
        case .timedOut: "timed out"
        }
    }
}
