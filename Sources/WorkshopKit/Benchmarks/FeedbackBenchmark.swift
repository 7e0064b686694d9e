import Foundation

/// `workshop bench feedback`: how long a learner waits after saving.
///
/// In a scratch copy of `Exercises/` (never the learner's files), each run changes one line of
/// an exercise file and times `workshop check` as a learner runs it, until its result: built
/// directly (the default), with a type error in the file (until its diagnostics), and with
/// SwiftPM building every time (`WORKSHOP_DIRECT_BUILD=0`). The baseline, measured in the same
/// run, is a no-op `swift build` of the same product: the floor any SwiftPM build pays. Also
/// timed: how soon `workshop check` prints its first line ("Checking …"), and the first check
/// of the next exercise when nothing of it was built yet (its shared libraries were).
public struct FeedbackBenchmark: Sendable {
    /// The measured figures: `{"runs", "median_s", "baseline_median_s", "first_message_ms",
    /// "compile_error_median_s", "swiftpm_median_s", "cold_first_check_s"}`.
    public struct Report: Codable, Sendable, Equatable {
        public var exercise: String
        public var runs: Int
        public var medianSeconds: Double
        public var baselineMedianSeconds: Double
        public var firstMessageMilliseconds: Double
        public var compileErrorMedianSeconds: Double
        public var swiftPMMedianSeconds: Double
        /// The first check of `coldExercise`, none of whose own modules were built.
        public var coldFirstCheckSeconds: Double
        public var coldExercise: String
        public var samples: [Double]
        public var baselineSamples: [Double]
        public var compileErrorSamples: [Double]
        public var swiftPMSamples: [Double]
        /// How many timed checks were built directly (the rest fell back to SwiftPM).
        public var directBuilds: Int

        enum CodingKeys: String, CodingKey {
            case exercise, runs, samples
            case medianSeconds = "median_s"
            case baselineMedianSeconds = "baseline_median_s"
            case firstMessageMilliseconds = "first_message_ms"
            case compileErrorMedianSeconds = "compile_error_median_s"
            case swiftPMMedianSeconds = "swiftpm_median_s"
            case coldFirstCheckSeconds = "cold_first_check_s"
            case coldExercise = "cold_exercise"
            case baselineSamples = "baseline_samples"
            case compileErrorSamples = "compile_error_samples"
            case swiftPMSamples = "swiftpm_samples"
            case directBuilds = "direct_builds"
        }
    }

    public let paths: ProjectPaths
    public let exercise: Exercise
    /// The exercise whose first, cold check is timed (the one after `exercise` by default).
    public let coldExercise: Exercise?
    public let runs: Int
    /// The `workshop` executable to time.
    public let workshop: String
    public let configuration: RunnerConfiguration

    public init(
        paths: ProjectPaths, exercise: Exercise, coldExercise: Exercise? = nil, runs: Int = 5, workshop: String,
        configuration: RunnerConfiguration = RunnerConfiguration()
    ) {
        self.paths = paths
        self.exercise = exercise
        self.coldExercise = coldExercise
        self.runs = max(1, runs)
        self.workshop = workshop
        self.configuration = configuration
    }

    /// The scratch project; named like the project so that a manifest deriving the app
    /// package's identity from the folder name still resolves.
    public var benchRoot: URL {
        paths.state.appending(path: "bench/\(paths.root.lastPathComponent)", directoryHint: .isDirectory)
    }

    public func run(onStep: @Sendable (String) -> Void = { _ in }) async throws -> Report {
        let bench = ProjectPaths(root: benchRoot)
        var wanted = try WorkspaceCopy.files(in: paths.exercises)
        if let manifest = wanted["Package.swift"] {
            wanted["Package.swift"] = Data(WorkspaceCopy.rewritingPackagePaths(String(decoding: manifest, as: UTF8.self), base: paths.exercises).utf8)
        }
        try WorkspaceCopy.mirror(wanted, into: bench.exercises)
        guard let file = exercise.files.first else { throw BenchmarkFailed(message: "exercise '\(exercise.id)' lists no files") }
        let edited = bench.exercises.appending(path: file)
        let original = try String(contentsOf: edited, encoding: .utf8)
        defer { try? original.write(to: edited, atomically: false, encoding: .utf8) }
        let edit = { (run: Int, line: String) in
            try (original + "\n\(line) // bench edit \(run) \(UUID().uuidString)\n").write(to: edited, atomically: false, encoding: .utf8)
        }

        // SwiftPM every time, first: its incremental state is then its own.
        let runner = Runner(paths: bench, configuration: configuration)
        onStep("warm-up: building \(exercise.checkProduct) with SwiftPM")
        _ = try await timeCheck(exercise, in: bench, direct: false)
        var baseline: [Double] = [], swiftPM: [Double] = []
        for run in 1...runs {
            onStep("SwiftPM run \(run)/\(runs)")
            let build = try await runner.build(product: exercise.checkProduct, package: bench.exercises, scratch: runner.scratch(for: .exercises))
            baseline.append(build.seconds)
            try edit(run, "")
            swiftPM.append(try await timeCheck(exercise, in: bench, direct: false).seconds)
        }

        onStep("warm-up: the direct build's first check")
        try edit(0, "")
        _ = try await timeCheck(exercise, in: bench, direct: true)
        var samples: [Double] = [], compileErrors: [Double] = [], firstLines: [Double] = []
        var direct = 0
        for run in 1...runs {
            onStep("direct run \(run)/\(runs)")
            // A one-line change, as a learner makes it: the module must recompile.
            try edit(run, "")
            let check = try await timeCheck(exercise, in: bench, direct: true)
            samples.append(check.seconds)
            if let first = check.firstLine { firstLines.append(first) }
            // A type error: the time until its diagnostics are shown.
            try edit(run, "let benchTypeError\(run): Int = \"not a number\"")
            let broken = try await timeCheck(exercise, in: bench, direct: true)
            guard broken.outcome?.status == .compileError else {
                throw BenchmarkFailed(message: "a type error in \(file) did not give a compile error (\(broken.outcome?.status.rawValue ?? "no outcome"))")
            }
            compileErrors.append(broken.seconds)
            direct += [check, broken].filter { $0.outcome?.build == .direct }.count
        }

        var cold = 0.0
        if let coldExercise {
            onStep("cold first check of \(coldExercise.id)")
            forgetBuilds(of: coldExercise, scratch: runner.scratch(for: .exercises))
            cold = try await timeCheck(coldExercise, in: bench, direct: true).seconds
        }
        return Report(
            exercise: exercise.id, runs: runs, medianSeconds: Self.median(samples), baselineMedianSeconds: Self.median(baseline),
            firstMessageMilliseconds: Self.median(firstLines) * 1000, compileErrorMedianSeconds: Self.median(compileErrors),
            swiftPMMedianSeconds: Self.median(swiftPM), coldFirstCheckSeconds: cold, coldExercise: coldExercise?.id ?? "",
            samples: samples, baselineSamples: baseline, compileErrorSamples: compileErrors, swiftPMSamples: swiftPM,
            directBuilds: direct)
    }

    /// Removes everything SwiftPM built for `exercise` alone (its module, its check program, the
    /// direct build's plan), keeping the libraries every exercise shares.
    private func forgetBuilds(of exercise: Exercise, scratch: URL) {
        let debug = scratch.appending(path: "debug", directoryHint: .isDirectory)
        let files = FileManager.default
        for name in ["\(exercise.module).build", "\(exercise.checkProduct).build", "\(exercise.checkProduct).product", exercise.checkProduct] {
            try? files.removeItem(at: debug.appending(path: name))
        }
        let modules = debug.appending(path: "Modules", directoryHint: .isDirectory)
        for name in (try? files.contentsOfDirectory(atPath: modules.path)) ?? []
        where name.hasPrefix("\(exercise.module).") || name.hasPrefix("\(exercise.checkProduct).") {
            try? files.removeItem(at: modules.appending(path: name))
        }
        DirectBuildPlan.remove(product: exercise.checkProduct, scratch: scratch)
    }

    private struct TimedCheck {
        var seconds: Double
        var firstLine: Double?
        var outcome: CheckOutcome?
    }

    /// Runs `workshop check --json` in the bench project as a child, as a learner would; returns
    /// its duration, when it printed its first line, and its outcome.
    private func timeCheck(_ exercise: Exercise, in bench: ProjectPaths, direct: Bool) async throws -> TimedCheck {
        var environment = ProcessInfo.processInfo.environment
        environment["WORKSHOP_ROOT"] = nil
        environment["WORKSHOP_SCRATCH"] = nil
        environment["WORKSHOP_DIRECT_BUILD"] = direct ? nil : "0"
        let result = try await ChildProcess.run(
            workshop, arguments: ["check", exercise.id, "--json", "--root", bench.root.path], environment: environment,
            directory: bench.root, timeout: configuration.buildTimeout, outputLimit: 4 * 1024 * 1024)
        guard !result.timedOut, result.exitStatus == 0 || result.exitStatus == 1 else {
            throw BenchmarkFailed(message: "`workshop check \(exercise.id)` failed in the bench copy: \(result.output.text.suffix(500))")
        }
        // The JSON object is the output's last line; "Checking …" came first, on stderr.
        let json = result.output.text.split(separator: "\n").last { $0.hasPrefix("{") }
        let outcome = json.flatMap { try? CheckOutcome.decoder.decode(CheckOutcome.self, from: Data($0.utf8)) }
        return TimedCheck(seconds: result.seconds, firstLine: result.firstOutputSeconds, outcome: outcome)
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}

/// The benchmark could not run; the message says why.
public struct BenchmarkFailed: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
