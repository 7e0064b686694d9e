import CheckReport
import WorkshopKit

/// A check's outcome as a learner reads it in a terminal.
enum OutcomeText {
    static func print(_ outcome: CheckOutcome, next: Exercise?) {
        for test in outcome.tests {
            Terminal.line(test.passed ? Terminal.paint("  ✓ ", "32") + test.name : Terminal.paint("  ✗ ", "31") + test.name)
            if let message = test.message, !test.passed {
                for line in message.split(separator: "\n", omittingEmptySubsequences: false) { Terminal.line("      \(line)") }
            }
        }
        for diagnostic in outcome.diagnostics where diagnostic.severity == .error || outcome.status == .compileError {
            let colour = diagnostic.severity == .error ? "31" : "33"
            Terminal.line(Terminal.paint("\(diagnostic.file):\(diagnostic.line):\(diagnostic.column): \(diagnostic.severity.rawValue): ", colour) + diagnostic.message)
            if let source = diagnostic.sourceLine {
                Terminal.line("    \(source)")
                Terminal.line("    " + String(repeating: " ", count: max(0, diagnostic.column - 1)) + "^")
            }
        }
        let showOutput = outcome.status == .crashed || outcome.status == .timedOut
            || (outcome.status == .compileError && !outcome.diagnostics.contains { $0.severity == .error })
        if showOutput, !outcome.output.isEmpty {
            Terminal.line(Terminal.paint("output:", "2"))
            for line in outcome.output.split(separator: "\n").suffix(40) { Terminal.line("  \(line)") }
        }
        if let note = outcome.note { Terminal.line(note) }
        let passed = outcome.tests.filter(\.passed).count
        let counts = outcome.tests.isEmpty ? "" : " (\(passed)/\(outcome.tests.count) checks)"
        let status = outcome.status == .passed ? Terminal.paint("passed", "32") : Terminal.paint(outcome.status.summary, "31")
        Terminal.line("\(outcome.exercise): \(status)\(counts) in \(String(format: "%.1f", outcome.seconds)) s")
        if let next { Terminal.line("Next: workshop check \(next.id)  — \(next.title)") }
        if outcome.status != .passed && outcome.workspace == .exercises {
            Terminal.line("Stuck? workshop hint \(outcome.exercise)")
        }
    }
}
