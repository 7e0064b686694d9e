import ArgumentParser
import Foundation
import WorkshopKit

/// `workshop bench feedback [--json]`
struct BenchFeedbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedback",
        abstract: "Time from a one-line edit to the check's result, against a no-op build.",
        discussion: """
            In a scratch copy under .workshop/bench (never your files): after a warm-up, each run \
            changes one line of an exercise file and times `workshop check` until its result, as \
            it builds by default (the compiler and linker jobs SwiftPM planned, without SwiftPM), \
            with a type error in the file (until its diagnostics), and with SwiftPM building every \
            time. The baseline is a no-op SwiftPM build of the same product, measured in the same \
            run. Also reports how soon `workshop check` prints its first line, and the first check \
            of the next exercise with nothing of its own built yet.
            """)

    @OptionGroup var project: ProjectOptions

    @Option(help: "Timed runs after the warm-up (at least 5).")
    var runs = 5

    @Option(help: "The exercise to edit (default: the first one).")
    var exercise: String?

    @Flag(help: "Print one JSON object: {\"runs\", \"median_s\", \"baseline_median_s\", \"first_message_ms\", \"compile_error_median_s\", \"swiftpm_median_s\", \"cold_first_check_s\"}.")
    var json = false

    func validate() throws {
        guard runs >= 5 else { throw ValidationError("--runs must be at least 5.") }
    }

    func run() async throws {
        let paths = try project.paths()
        let catalog = try project.catalog(paths)
        guard let target = try exercise.map({ try project.exercise($0, in: catalog) }) ?? catalog.exercises.first else {
            throw WorkshopFailure.usage("the manifest lists no exercises.")
        }
        let benchmark = FeedbackBenchmark(
            paths: paths, exercise: target, coldExercise: catalog.exercise(after: target), runs: runs, workshop: Self.executable,
            configuration: project.runner(paths).configuration)
        let report: FeedbackBenchmark.Report
        do {
            report = try await benchmark.run { step in if !json { Console.error(step) } }
        } catch let error as BenchmarkFailed {
            throw WorkshopFailure.checkFailed(error.message)
        }
        if json {
            try Console.json(report)
        } else {
            Console.line("""
                feedback on '\(report.exercise)' (\(report.runs) runs): median \(String(format: "%.2f", report.medianSeconds)) s \
                (baseline no-op build \(String(format: "%.2f", report.baselineMedianSeconds)) s, \
                ratio \(String(format: "%.2f", report.medianSeconds / max(report.baselineMedianSeconds, 0.001)))); \
                with a type error \(String(format: "%.2f", report.compileErrorMedianSeconds)) s; \
                with SwiftPM every time \(String(format: "%.2f", report.swiftPMMedianSeconds)) s; \
                first line after \(String(format: "%.0f", report.firstMessageMilliseconds)) ms; \
                first check of '\(report.coldExercise)' \(String(format: "%.2f", report.coldFirstCheckSeconds)) s
                """)
        }
    }

    /// This executable, to time `workshop check` as a learner runs it.
    static var executable: String {
        if let path = Bundle.main.executableURL?.standardizedFileURL.path { return path }
        let argument = CommandLine.arguments[0]
        return argument.hasPrefix("/") ? argument : FileManager.default.currentDirectoryPath + "/" + argument
    }
}
