import Foundation

/// What `workshop verify` saw when it applied one shipped wrong answer or accepted alternative
/// (`Solutions/Mutants/<id>/*.patch`, `Solutions/Alternatives/<id>/*.patch`) to a copy of the
/// solution and checked it.
public struct PatchTrial: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// A mistake: every check passing is a problem (a check is missing or too weak).
        case wrongAnswer = "wrong_answer"
        /// Another correct answer: any check failing is a problem (a check is over-fitted).
        case alternative
    }

    public var exercise: String
    public var name: String
    public var kind: Kind
    /// What the patch models, in its own words.
    public var summary: String
    /// The check's status, or nil when the patch did not apply.
    public var status: CheckStatus?
    /// The first failing check's name and message.
    public var failedCheck: String?
    public var message: String?
    /// The wrong answer was rejected by a named check, or the alternative passed.
    public var ok: Bool

    public init(exercise: String, name: String, kind: Kind, summary: String, status: CheckStatus?,
                failedCheck: String? = nil, message: String? = nil, ok: Bool) {
        self.exercise = exercise
        self.name = name
        self.kind = kind
        self.summary = summary
        self.status = status
        self.failedCheck = failedCheck
        self.message = message
        self.ok = ok
    }

    enum CodingKeys: String, CodingKey {
        case exercise, name, kind, summary, status, message, ok
        case failedCheck = "failed_check"
    }

    /// Judges a check's outcome for `patch`: a wrong answer must fail with a message from a named
    /// check (a crash, a timeout or a compile error is not the learner's lesson); an
    /// alternative must pass.
    public static func judge(_ outcome: CheckOutcome, patch: SolutionPatch, kind: Kind, exercise: String) -> (PatchTrial, problem: String?) {
        let failing = outcome.tests.first { !$0.passed }
        var trial = PatchTrial(exercise: exercise, name: patch.name, kind: kind, summary: patch.summary, status: outcome.status,
                               failedCheck: failing?.name, message: failing?.message, ok: false)
        let label = "\(kind == .wrongAnswer ? "wrong answer" : "alternative") '\(exercise)/\(patch.name)' (\(patch.summary))"
        let compileError = outcome.diagnostics.first { $0.severity == .error }.map { ": \($0.file):\($0.line): \($0.message)" } ?? ""
        switch (kind, outcome.status) {
        case (_, .compileError):
            return (trial, "The \(label) does not compile\(compileError); fix the patch.")
        case (.wrongAnswer, .passed):
            return (trial, "The \(label) passes every check: a check is missing or too weak.")
        case (.wrongAnswer, .failed):
            guard let failing, !(failing.message ?? "").isEmpty else {
                return (trial, "The \(label) fails, but no check says why.")
            }
            trial.ok = true
            return (trial, nil)
        case (.wrongAnswer, .crashed), (.wrongAnswer, .timedOut):
            return (trial, "The \(label) \(outcome.status == .crashed ? "crashes the check program" : "times out") instead of failing a named check\(outcome.note.map { " (\($0))" } ?? "").")
        case (.alternative, .passed):
            trial.ok = true
            return (trial, nil)
        case (.alternative, _):
            let why = failing.map { ": “\($0.name)” says \(($0.message ?? "").split(separator: "\n").first ?? "")" } ?? " (\(outcome.status.summary))"
            return (trial, "The \(label) is correct but is rejected\(why). The check is over-fitted.")
        }
    }
}
