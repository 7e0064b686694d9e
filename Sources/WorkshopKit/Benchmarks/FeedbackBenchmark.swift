import Foundation

/// `workshop bench feedback`: how long a learner waits after saving.
///
/// In a scratch copy of `Exercises/` (never the learner's files), each run changes one line of
/// an exercise file and times `workshop check` as a learner runs it, until its result. The
/// baseline, measured in the same run, is a no-op `swift build` of the same product: the floor
/// any check pays. Also timed: how soon `workshop check` prints its first line ("Checking …").
public struct FeedbackBenchmark: Sendable {
    /// The measured figures: `{"runs", "median_s", "baseline_median_s", "first_message_ms"}`.
    public struct Report: Codable, Sendable, Equatable {
        public var exercise: String
        public var runs: Int
        public var medianSeconds: Double
        public var baselineMedianSeconds: Double
        public var firstMessageMilliseconds: Double
        public var samples: [Double]
        public var baselineSamples: [Double]

        enum CodingKeys: String, CodingKey {
            case exercise, runs, samples
            case medianSeconds = "median_s"
            case baselineMedianSeconds = "baseline_median_s"
            case firstMessageMilliseconds = "first_message_ms"
            case baselineSamples = "baseline_samples"
        }
    }

    public let paths: ProjectPaths
    public let exercise: Exercise
    public let runs: Int
    /// The `workshop` executable to time.
    public let workshop: String
    public let configuration: RunnerConfiguration

    public init(paths: ProjectPaths, exercise: Exercise, runs: Int = 5, workshop: String, configuration: RunnerConfiguration = RunnerConfiguration()) {
        self.paths = paths
        self.exercise = exercise
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

        let runner = Runner(paths: bench, configuration: configuration)
        onStep("warm-up: building \(exercise.checkProduct) once")
        _ = try await timeCheck(bench, firstLine: nil)

        var baseline: [Double] = []
        var samples: [Double] = []
        var firstLines: [Double] = []
        for run in 1...runs {
            onStep("run \(run)/\(runs)")
            let build = try await runner.build(product: exercise.checkProduct, package: bench.exercises, scratch: runner.scratch(for: .exercises))
            baseline.append(build.seconds)
            // A one-line change, as a learner makes it: the module must recompile.
            try (original + "\n// bench edit \(run) \(UUID().uuidString)\n").write(to: edited, atomically: false, encoding: .utf8)
            let (seconds, first) = try await timeCheck(bench, firstLine: ())
            samples.append(seconds)
            if let first { firstLines.append(first) }
        }
        return Report(
            exercise: exercise.id, runs: runs, medianSeconds: Self.median(samples), baselineMedianSeconds: Self.median(baseline),
            firstMessageMilliseconds: Self.median(firstLines) * 1000, samples: samples, baselineSamples: baseline)
    }

    /// Runs `workshop check` in the bench project as a child; returns its duration and when it
    /// printed its first line.
    private func timeCheck(_ bench: ProjectPaths, firstLine: Void?) async throws -> (Double, Double?) {
        var environment = ProcessInfo.processInfo.environment
        environment["WORKSHOP_ROOT"] = nil
        environment["WORKSHOP_SCRATCH"] = nil
        let result = try await ChildProcess.run(
            workshop, arguments: ["check", exercise.id, "--root", bench.root.path], environment: environment,
            directory: bench.root, timeout: configuration.buildTimeout, outputLimit: 64 * 1024)
        guard !result.timedOut, result.exitStatus == 0 || result.exitStatus == 1 else {
            throw BenchmarkFailed(message: "`workshop check \(exercise.id)` failed in the bench copy: \(result.output.text.suffix(500))")
        }
        return (result.seconds, result.firstOutputSeconds)
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
