/// What `workshop verify` found: `{"ok", "exercises": [{"id", "solution", "pristine"}], "problems",
/// "mutants": {"total", "rejected"}, "alternatives": {"total", "accepted"}, "trials": [...]}`.
public struct VerifyReport: Codable, Sendable, Equatable {
    public struct Entry: Codable, Sendable, Equatable {
        public var id: String
        /// The solution's status (should be passed).
        public var solution: CheckStatus?
        /// The untouched exercise's status (should fail; compile_error only when the manifest
        /// says it starts uncompilable).
        public var pristine: CheckStatus?
        /// The full-size runs on a small seeded store, for exercises that have one: the
        /// solution's should pass, the untouched exercise's should not.
        public var fullSizeSolution: CheckStatus?
        public var fullSizePristine: CheckStatus?

        public init(id: String, solution: CheckStatus?, pristine: CheckStatus?,
                    fullSizeSolution: CheckStatus? = nil, fullSizePristine: CheckStatus? = nil) {
            self.id = id
            self.solution = solution
            self.pristine = pristine
            self.fullSizeSolution = fullSizeSolution
            self.fullSizePristine = fullSizePristine
        }

        enum CodingKeys: String, CodingKey {
            case id, solution, pristine
            case fullSizeSolution = "full_size_solution"
            case fullSizePristine = "full_size_pristine"
        }
    }

    public var ok: Bool { problems.isEmpty }
    public var exercises: [Entry]
    /// Each problem as a sentence a maintainer can act on.
    public var problems: [String]
    public var seconds: Double
    /// Each shipped wrong answer and accepted alternative, as verify tried it.
    public var trials: [PatchTrial]

    /// `{"total", "rejected"}` for wrong answers in the JSON.
    public struct WrongAnswerCounts: Codable, Sendable, Equatable { public var total: Int, rejected: Int }
    /// `{"total", "accepted"}` for alternatives in the JSON.
    public struct AlternativeCounts: Codable, Sendable, Equatable { public var total: Int, accepted: Int }

    public var mutants: WrongAnswerCounts {
        let wrong = trials.filter { $0.kind == .wrongAnswer }
        return WrongAnswerCounts(total: wrong.count, rejected: wrong.filter(\.ok).count)
    }

    public var alternatives: AlternativeCounts {
        let alternatives = trials.filter { $0.kind == .alternative }
        return AlternativeCounts(total: alternatives.count, accepted: alternatives.filter(\.ok).count)
    }

    enum CodingKeys: String, CodingKey { case ok, exercises, problems, seconds, mutants, alternatives, trials }

    public init(exercises: [Entry], problems: [String], seconds: Double, trials: [PatchTrial] = []) {
        self.exercises = exercises
        self.problems = problems
        self.seconds = seconds
        self.trials = trials
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        exercises = try container.decode([Entry].self, forKey: .exercises)
        problems = try container.decode([String].self, forKey: .problems)
        seconds = try container.decodeIfPresent(Double.self, forKey: .seconds) ?? 0
        trials = try container.decodeIfPresent([PatchTrial].self, forKey: .trials) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ok, forKey: .ok)
        try container.encode(exercises, forKey: .exercises)
        try container.encode(problems, forKey: .problems)
        try container.encode(seconds, forKey: .seconds)
        try container.encode(mutants, forKey: .mutants)
        try container.encode(alternatives, forKey: .alternatives)
        try container.encode(trials, forKey: .trials)
    }
}
