import CheckReport
import WorkshopKit

/// A check's outcome as a learner reads it in a terminal.
enum OutcomeText {
    static func print(_ outcome: CheckOutcome, next: Exercise?) {
        for test in outcome.tests {
            Console.line(test.passed ? Console.paint("  ✓ ", "32") + test.name : Console.paint("  ✗ ", "31") + test.name)
            if let message = test.message, !test.passed {
                for line in message.split(separator: "\n", omittingEmptySubsequences: false) { Console.line("      \(line)") }
            }
        }
        for diagnostic in outcome.diagnostics where diagnostic.severity == .error || outcome.status == .compileError {
            let colour = diagnostic.severity == .error ? "31" : "33"
            Console.line(Console.paint("\(diagnostic.file):\(diagnostic.line):\(diagnostic.column): \(diagnostic.severity.rawValue): ", colour) + diagnostic.message)
            if let source = diagnostic.sourceLine {
                Console.line("    \(source)")
                Console.line("    " + String(repeating: " ", count: max(0, diagnostic.column - 1)) + "^")
            }
        }
        let showOutput = outcome.status == .crashed || outcome.status == .timedOut
            || (outcome.status == .compileError && !outcome.diagnostics.contains { $0.severity == .error })
        if showOutput, !outcome.output.isEmpty {
            Console.line(Console.paint("output:", "2"))
            for line in outcome.output.split(separator: "\n").suffix(40) { Console.line("  \(line)") }
        }
        if let note = outcome.note { Console.line(note) }
        let passed = outcome.tests.filter(\.passed).count
        let counts = outcome.tests.isEmpty ? "" : " (\(passed)/\(outcome.tests.count) checks)"
        let status = outcome.status == .passed ? Console.paint("passed", "32") : Console.paint(outcome.status.summary, "31")
        Console.line("\(outcome.exercise): \(status)\(counts) in \(String(format: "%.1f", outcome.seconds)) s")
        if let next { Console.line("Next: workshop check \(next.id)  — \(next.title)") }
        if outcome.status != .passed && outcome.workspace == .exercises {
            Console.line("Stuck? workshop hint \(outcome.exercise)")
        }
    }
}
