import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The checks of one exercise, run as a program of their own so that a learner's crash, hang or
/// compile error never touches the app.
///
/// ```swift
/// // Exercises/Checks/FactsCheck/main.swift
/// var suite = CheckSuite("facts")
/// suite.check("a stay with charge 100 and payment 40 has balance -60") { trace in
///     try DeciderSpec(GuestStay.decider).given([...]).when(...).then([...])
/// }
/// suite.run()
/// ```
///
/// With `WORKSHOP_REPORT` set to a path, `run()` writes `ReportLine`s there as JSON lines, each
/// flushed at once; without it, it prints a readable summary. It exits 0 when every check passed,
/// 1 otherwise.
public struct CheckSuite {
    public let exercise: String
    private var checks: [(name: String, body: (Trace) throws -> Void)] = []

    public init(_ exercise: String) {
        self.exercise = exercise
    }

    /// Adds a check. Its name reads as a sentence; it fails by throwing (a `SpecFailure` or any
    /// error from the learner's code).
    public mutating func check(_ name: String, _ body: @escaping (Trace) throws -> Void) {
        checks.append((name, body))
    }

    /// Runs every check in order and reports each one as soon as it is done.
    public func runChecks(report: @escaping (ReportLine) -> Void) -> (passed: Int, failed: Int) {
        var passed = 0, failed = 0
        for check in checks {
            let trace = Trace(check: check.name) { report(.step($0)) }
            do {
                try check.body(trace)
                passed += 1
                report(.check(CheckResult(name: check.name, passed: true)))
            } catch {
                failed += 1
                report(.check(CheckResult(name: check.name, passed: false, message: "\(error)")))
            }
        }
        report(.end(passed: passed, failed: failed))
        return (passed, failed)
    }

    /// Runs the checks, writes the report, and exits.
    public func run() -> Never {
        let counts: (passed: Int, failed: Int)
        if let path = ProcessInfo.processInfo.environment["WORKSHOP_REPORT"],
           let handle = FileHandle(forWritingAtPath: path) ?? Self.create(path) {
            let encoder = ReportLine.encoder
            counts = runChecks { line in
                guard var data = try? encoder.encode(line) else { return }
                data.append(0x0A)
                handle.write(data)
            }
            try? handle.synchronize()
        } else {
            counts = runChecks { line in
                switch line {
                case .check(let result):
                    print(result.passed ? "✓ \(result.name)" : "✗ \(result.name)\n\(Self.indent(result.message ?? ""))")
                case .step:
                    break
                case .end(let passed, let failed):
                    print("\(passed) passed, \(failed) failed")
                }
            }
        }
        exit(counts.failed == 0 ? 0 : 1)
    }

    private static func create(_ path: String) -> FileHandle? {
        guard FileManager.default.createFile(atPath: path, contents: nil) else { return nil }
        return FileHandle(forWritingAtPath: path)
    }

    private static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
    }
}
