extension CheckRan {
    /// The facts of a check run, as the progress log and a classroom board keep them: the
    /// status, the counts, the failing checks' names and the first error's message.
    public init(_ outcome: CheckOutcome) {
        let failing = outcome.tests.filter { !$0.passed }.map(\.name)
        self.init(
            exercise: outcome.exercise, status: outcome.status, seconds: outcome.seconds,
            passedCount: outcome.tests.count - failing.count, failedCount: failing.count,
            failingChecks: failing,
            firstDiagnostic: outcome.diagnostics.first { $0.severity == .error }.map { String($0.message.prefix(300)) })
    }
}
