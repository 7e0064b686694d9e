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
///
/// An exercise about production-sized data can also have a **full-size run** (`fullSizeRun`):
/// the learner's code against the seeded sample store (`workshop seed`) instead of the small
/// histories of the checks. With `WORKSHOP_SAMPLE` set to the store's path, `run()` runs that
/// instead of the checks (`workshop sample ID`, `p` in the app).
public struct CheckSuite {
    public let exercise: String
    private var checks: [(name: String, body: (Trace) throws -> Void)] = []
    private var fullSize: (title: String, body: (FullSizeRun) throws -> Void)?

    public init(_ exercise: String) {
        self.exercise = exercise
    }

    /// Adds a check. Its name reads as a sentence; it fails by throwing (a `SpecFailure` or any
    /// error from the learner's code).
    public mutating func check(_ name: String, _ body: @escaping (Trace) throws -> Void) {
        checks.append((name, body))
    }

    /// Runs every check in order and reports each one as soon as it is done.
    /// With `stopAtFirstFailure` (by default from `WORKSHOP_STOP_AT_FIRST_FAILURE`), the checks
    /// after the first failing one are not run.
    public func runChecks(
        stopAtFirstFailure: Bool = ProcessInfo.processInfo.environment[CheckSuite.stopAtFirstFailureVariable] == "1",
        report: @escaping (ReportLine) -> Void
    ) -> (passed: Int, failed: Int) {
        var passed = 0, failed = 0
        for check in checks where !(stopAtFirstFailure && failed > 0) {
            let trace = Trace(check: check.name) { report(.step($0)) }
            do {
                try check.body(trace)
                passed += 1
                report(.check(CheckResult(name: check.name, passed: true)))
            } catch {
                failed += 1
                report(.check(CheckResult(name: check.name, passed: false, message: Self.message(for: error))))
            }
        }
        report(.end(passed: passed, failed: failed))
        return (passed, failed)
    }

    /// Set to "1", `runChecks` stops after the first failing check (`workshop verify` trying a
    /// known wrong answer needs one named check that rejects it, not every one).
    public static let stopAtFirstFailureVariable = "WORKSHOP_STOP_AT_FIRST_FAILURE"

    /// Sets the full-size run: `body` gets the sample store's path, records steps in its trace
    /// and reports progress; it fails by throwing, like a check.
    public mutating func fullSizeRun(_ title: String, _ body: @escaping (FullSizeRun) throws -> Void) {
        fullSize = (title, body)
    }

    /// Runs the full-size run against the store at `storePath` as one check named by its title.
    public func runFullSize(storePath: String, report: @escaping (ReportLine) -> Void) -> (passed: Int, failed: Int) {
        guard let fullSize else {
            report(.check(CheckResult(name: "a full-size run of \(exercise)", passed: false,
                                      message: "The exercise \(exercise) has no full-size run: its checks are the whole story.")))
            report(.end(passed: 0, failed: 1))
            return (0, 1)
        }
        let run = FullSizeRun(storePath: storePath, trace: Trace(check: fullSize.title) { report(.step($0)) },
                              report: { report(.progress($0)) })
        let passed: Bool
        do {
            guard FileManager.default.fileExists(atPath: storePath) else {
                throw SpecFailure("There is no sample store at \(storePath) yet: run `workshop seed` first.")
            }
            try fullSize.body(run)
            report(.check(CheckResult(name: fullSize.title, passed: true)))
            passed = true
        } catch {
            report(.check(CheckResult(name: fullSize.title, passed: false, message: Self.message(for: error))))
            passed = false
        }
        report(.end(passed: passed ? 1 : 0, failed: passed ? 0 : 1))
        return passed ? (1, 0) : (0, 1)
    }

    /// Runs the checks (or the full-size run, with `WORKSHOP_SAMPLE`), writes the report, and exits.
    public func run() -> Never {
        let environment = ProcessInfo.processInfo.environment
        let body: (@escaping (ReportLine) -> Void) -> (passed: Int, failed: Int)
        if let sample = environment["WORKSHOP_SAMPLE"] {
            body = { runFullSize(storePath: sample, report: $0) }
        } else {
            body = { runChecks(report: $0) }
        }
        let counts: (passed: Int, failed: Int)
        if let path = environment["WORKSHOP_REPORT"],
           let handle = FileHandle(forWritingAtPath: path) ?? Self.create(path) {
            let encoder = ReportLine.encoder
            counts = body { line in
                guard var data = try? encoder.encode(line) else { return }
                data.append(0x0A)
                handle.write(data)
            }
            try? handle.synchronize()
        } else {
            counts = body { line in
                switch line {
                case .check(let result):
                    print(result.passed ? "✓ \(result.name)" : "✗ \(result.name)\n\(Self.indent(result.message ?? ""))")
                case .step(let step) where environment["WORKSHOP_SAMPLE"] != nil:
                    print("· \(step.title)")
                case .progress(let progress):
                    print("  \(progress.title): \(progress.done) of \(progress.total)\(progress.detail.map { " (\($0))" } ?? "")")
                case .step:
                    break
                case .end(let passed, let failed):
                    print("\(passed) passed, \(failed) failed")
                }
            }
        }
        exit(counts.failed == 0 ? 0 : 1)
    }

    /// A failed check's message: a spec's own message, or what the exercise's code threw that
    /// the check did not expect, as a sentence (not Swift's dump of the error).
    static func message(for error: any Error) -> String {
        if let failure = error as? SpecFailure { return failure.message }
        let text = "\(error)"
        // Errors written as sentences (store conflicts, user errors) say it best themselves.
        if text.contains(" "), !text.contains("("), Mirror(reflecting: error).displayStyle != .enum {
            return "The exercise's code threw an error the check did not expect: \(text)"
        }
        return "The exercise's code \(SpecFailure.threw(error)), which the check did not expect."
    }

    private static func create(_ path: String) -> FileHandle? {
        guard FileManager.default.createFile(atPath: path, contents: nil) else { return nil }
        return FileHandle(forWritingAtPath: path)
    }

    private static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
    }
}

/// What a full-size run gets: the sample store, a trace for the steps the app shows, and a way
/// to report progress.
///
/// ```swift
/// suite.fullSizeRun("Blue-green deploy over the seeded history") { run in
///     let store = try SQLiteEventStore(path: run.storePath)
///     run.progress("v2 rebuilding", done: checkpoint, total: head)
///     run.trace.step("v2 caught up", readModels: [...])
/// }
/// ```
///
/// `progress` may be called from another thread while the run's own thread waits in one long
/// call of the learner's code (a watcher counting rows); `trace` belongs to the run's thread.
public final class FullSizeRun: @unchecked Sendable {
    // @unchecked: the only mutable use is `report`, serialized by `lock`; `trace` is documented
    // as the run's own thread's.
    /// The seeded sample store (`.workshop/sample.sqlite`).
    public let storePath: String
    /// The folder the sample store is in, for files beside it (a cold store).
    public var folder: URL { URL(filePath: storePath).deletingLastPathComponent() }
    public let trace: Trace
    private let report: (RunProgress) -> Void
    private let lock = NSLock()

    init(storePath: String, trace: Trace, report: @escaping (RunProgress) -> Void) {
        self.storePath = storePath
        self.trace = trace
        self.report = report
    }

    /// Reports how far the phase `title` has got; cheap enough to call once per batch.
    public func progress(_ title: String, done: Int64, total: Int64, detail: String? = nil) {
        lock.withLock { report(RunProgress(title: title, done: done, total: total, detail: detail)) }
    }
}
