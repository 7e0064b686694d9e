import CheckReport
import Foundation

extension Runner {
    /// Checks `exercise` twice, once built by SwiftPM and once by the direct build, each after
    /// touching the learner's files so that both really compile them, and says how the two
    /// answers differ (nil when they agree). `workshop verify` runs this on every solution and
    /// every pristine exercise, reusing its builds. The outcome returned is SwiftPM's.
    func checkComparingBuilds(
        _ exercise: Exercise, package: URL, scratch: URL, workspace: Workspace
    ) async throws -> (outcome: CheckOutcome, disagreement: String?) {
        guard configuration.directBuild else {
            return (try await check(exercise, package: package, scratch: scratch, workspace: workspace), nil)
        }
        DirectBuildPlan.remove(product: exercise.checkProduct, scratch: scratch)
        touch(exercise.files, in: package)
        let swiftPM = try await check(exercise, package: package, scratch: scratch, workspace: workspace)
        touch(exercise.files, in: package)
        let direct = try await check(exercise, package: package, scratch: scratch, workspace: workspace)
        let files = Set(exercise.files.map { paths.relative(package.appending(path: $0)) })
        return (swiftPM, BuildComparison.difference(swiftPM: swiftPM, direct: direct, learnerFiles: files))
    }

    private func touch(_ files: [String], in package: URL) {
        for file in files {
            try? FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: package.appending(path: file).path)
        }
    }
}

/// Compares the answers of SwiftPM and of the direct build for the same code.
enum BuildComparison {
    /// What differs, in one sentence, or nil. Errors must be the same; warnings only in the
    /// learner's files, since SwiftPM reprints a file's warnings only when it recompiles it;
    /// traces up to the wall-clock times they recorded.
    static func difference(swiftPM: CheckOutcome, direct: CheckOutcome, learnerFiles: Set<String>) -> String? {
        guard direct.build == .direct else {
            return "the second check was built by SwiftPM again (\(direct.fallback ?? "no reason given"))"
        }
        if swiftPM.status != direct.status { return "status \(swiftPM.status.rawValue) with SwiftPM, \(direct.status.rawValue) built directly" }
        let compared = { (outcome: CheckOutcome) in
            outcome.diagnostics
                .filter { $0.severity == .error || learnerFiles.contains($0.file) }
                .map { "\($0.file):\($0.line):\($0.column): \($0.severity.rawValue): \($0.message)" }
                .sorted()
        }
        let (expected, actual) = (compared(swiftPM), compared(direct))
        if expected != actual {
            let first = zip(expected, actual).first { $0 != $1 }.map { "\($0.0) vs \($0.1)" }
                ?? "\(expected.count) diagnostics with SwiftPM, \(actual.count) built directly"
            return "diagnostics differ: \(first)"
        }
        if swiftPM.tests != direct.tests, swiftPM.tests.map(comparable) != direct.tests.map(comparable) {
            return "the checks' results differ"
        }
        if swiftPM.trace != direct.trace, comparable(swiftPM.trace) != comparable(direct.trace) { return "the traces differ" }
        return nil
    }

    /// A trace as JSON with its wall-clock times blanked: a check on a real store (blue-green)
    /// stamps events with the time they were recorded, which no two runs share.
    private static func comparable(_ trace: [TraceStep]) -> String {
        let encoder = CheckOutcome.encoder
        encoder.outputFormatting = .sortedKeys
        let json = (try? encoder.encode(trace)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return withoutClockAndRandom(json.replacing(/"recorded_at":("[^"]*"|[-+.0-9eE]+)/, with: "\"recorded_at\":null"))
    }

    /// A check's result with the random ids and the current times blanked: an untouched
    /// exercise's placeholder code may make them up (`UUID()`, `Date()`), which differ on every run.
    /// Numbers are blanked too: a made-up `Date()` can also print as seconds since a reference
    /// date (seen in inbound's untouched stub), and a number alone is no evidence that the two
    /// builds differ when the status, the checks and the rest of each message agree.
    private static func comparable(_ result: CheckResult) -> String {
        withoutClockAndRandom("\(result.name) \(result.passed) \(result.message ?? "")")
            .replacing(/\d+(\.\d+)?(e[-+]?\d+)?/, with: "#")
    }

    private static func withoutClockAndRandom(_ text: String) -> String {
        text.replacing(/[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}/, with: "<id>")
            .replacing(/\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?( ?(\+0000|Z))?/, with: "<time>")
    }
}
