import Foundation

/// `workshop verify`: the workshop is consistent and every exercise is a real task.
///
/// Every solution passes; every pristine exercise fails its checks (and compiles, unless the
/// manifest says it starts uncompilable); both give the same answer built by SwiftPM and built
/// directly (`DirectBuild`); the manifest lists existing files, instructions and
/// at least one hint each. The pristine exercises are built in a copy under
/// `.workshop/verify/`, so the learner's edits never affect the verdict. Solutions and pristine
/// copies build at the same time in separate build folders: both cores work.
public struct Verifier: Sendable {
    public let paths: ProjectPaths
    public let catalog: Catalog
    public let pristine: PristineFiles
    public let configuration: RunnerConfiguration
    /// Verify only these exercises (all when empty), for a maintainer working on one.
    public var only: Set<String> = []

    public init(paths: ProjectPaths, catalog: Catalog, pristine: PristineFiles, configuration: RunnerConfiguration = RunnerConfiguration()) {
        self.paths = paths
        self.catalog = catalog
        self.pristine = pristine
        self.configuration = configuration
    }

    /// Where the pristine copy goes. Its parent folder has the project's folder name because a
    /// workspace manifest may derive the app package's identity from that name.
    public var pristineRoot: URL {
        paths.state.appending(path: "verify/\(paths.root.lastPathComponent)", directoryHint: .isDirectory)
    }

    /// Runs everything; `onResult` hears each check as it finishes (for a progress display).
    public func run(onResult: @Sendable (String, Workspace, CheckStatus) -> Void = { _, _, _ in }) async throws -> VerifyReport {
        let started = ContinuousClock.now
        var problems = catalog.problems(workspace: paths.exercises)
        for exercise in catalog.exercises where pristine.files(of: exercise).isEmpty {
            problems.append("The app has no pristine copy of '\(exercise.id)'; run `make pristine`.")
        }
        for exercise in catalog.exercises {
            for file in exercise.files where !FileManager.default.fileExists(atPath: paths.solutions.appending(path: file).path) {
                problems.append("Solution of '\(exercise.id)' lacks \(file).")
            }
        }
        let pristinePaths = ProjectPaths(root: pristineRoot)
        try preparePristineWorkspace(at: pristinePaths)
        var pristineConfiguration = configuration
        // Its own build folder: it builds at the same time as the solutions.
        pristineConfiguration.scratchBase = configuration.scratchBase.map { $0.appending(path: "verify", directoryHint: .isDirectory) } ?? pristineRoot
        let pristineRunner = Runner(paths: pristinePaths, configuration: pristineConfiguration)
        // The solutions are checked in a mirror beside the pristine copy too: the shipped wrong
        // answers are tried there as well, so neither a crash nor a stop ever leaves a wrong
        // answer in the real Solutions/.
        try prepareSolutionsWorkspace(at: pristinePaths)
        let solutionsRunner = pristineRunner

        let exercises = catalog.exercises.filter { only.isEmpty || only.contains($0.id) }
        // Full-size runs are verified on a small seeded store (each run on a copy of its own:
        // the runs change the store, and the two workspaces run at the same time).
        let seeded = paths.state.appending(path: "verify/sample-\(Self.fullSizeEvents).sqlite")
        if exercises.contains(where: { $0.fullSizeRun != nil }) {
            try SampleStoreSeeder(events: Self.fullSizeEvents).seed(path: seeded.path)
        }
        // The shipped wrong answers and alternatives run in both copies, each right after its
        // exercise's own check there, while that exercise's build is warm; each copy takes every
        // other patch, so both cores work until the end.
        let trials = PatchTrialLog()
        async let solutions = Self.checkAll(exercises, runner: solutionsRunner, workspace: .solutions, seeded: seeded, onResult: onResult) { exercise in
            try await tryPatches(of: exercise, share: 0, runner: solutionsRunner, in: pristinePaths, workspace: .solutions, log: trials, onResult: onResult)
        }
        async let pristines = Self.checkAll(exercises, runner: pristineRunner, workspace: .exercises, seeded: seeded, onResult: onResult) { exercise in
            try await tryPatches(of: exercise, share: 1, runner: pristineRunner, in: pristinePaths, workspace: .exercises, log: trials, onResult: onResult)
        }
        let (solutionStatuses, pristineStatuses) = try await (solutions, pristines)
        let order = Dictionary(uniqueKeysWithValues: exercises.enumerated().map { ($0.element.id, $0.offset) })
        var patchTrials = trials.contents
        patchTrials.trials.sort { lhs, rhs in
            (order[lhs.exercise] ?? 0, lhs.kind.rawValue, lhs.name) < (order[rhs.exercise] ?? 0, rhs.kind.rawValue, rhs.name)
        }
        problems += patchTrials.problems.sorted()

        var entries: [VerifyReport.Entry] = []
        for exercise in exercises {
            let solution = solutionStatuses[exercise.id]
            let untouched = pristineStatuses[exercise.id]
            let fullSolution = solutionStatuses["\(exercise.id) full size"], fullPristine = pristineStatuses["\(exercise.id) full size"]
            entries.append(VerifyReport.Entry(id: exercise.id, solution: solution?.status, pristine: untouched?.status,
                                              fullSizeSolution: fullSolution?.status, fullSizePristine: fullPristine?.status))
            for (workspace, outcomes) in [("solution", solutionStatuses), ("untouched exercise", pristineStatuses)] {
                if let disagreement = outcomes["\(exercise.id) direct build"]?.note {
                    problems.append("The direct build of the \(workspace) of '\(exercise.id)' disagrees with SwiftPM: \(disagreement).")
                }
            }
            if let fullSolution, fullSolution.status != .passed {
                let why = fullSolution.tests.first { !$0.passed }?.message ?? fullSolution.note ?? fullSolution.status.summary
                problems.append("The solution of '\(exercise.id)' does not pass its full-size run on \(Self.fullSizeEvents) seeded events: \(why)")
            }
            if let fullPristine, fullPristine.status == .passed {
                problems.append("The untouched exercise '\(exercise.id)' already passes its full-size run: it proves nothing.")
            }
            if let solution, solution.status != .passed {
                let failing = solution.tests.filter { !$0.passed }.map(\.name)
                let detail = solution.diagnostics.first { $0.severity == .error }.map { " (\($0.file):\($0.line): \($0.message))" }
                    ?? (failing.isEmpty ? "" : " (\(failing.joined(separator: "; ")))")
                problems.append("The solution of '\(exercise.id)' does not pass: \(solution.status.summary)\(detail).")
            }
            if let untouched {
                switch untouched.status {
                case .passed:
                    problems.append("The untouched exercise '\(exercise.id)' already passes its checks: it has nothing to do.")
                case .compileError where !exercise.startsUncompilable:
                    let detail = untouched.diagnostics.first { $0.severity == .error }.map { " (\($0.message))" } ?? ""
                    problems.append("The untouched exercise '\(exercise.id)' does not compile\(detail); fix it or mark it \"starts_uncompilable\": true.")
                case .failed, .crashed, .timedOut, .compileError:
                    if exercise.startsUncompilable && untouched.status != .compileError {
                        problems.append("The untouched exercise '\(exercise.id)' compiles, but the manifest says it starts uncompilable.")
                    }
                }
            }
        }
        return VerifyReport(exercises: entries, problems: problems, seconds: ChildProcess.seconds(since: started), trials: patchTrials.trials)
    }

    /// Events in the store that full-size runs are verified on: enough for several batches of
    /// a rebuild and a few months of closed stays, small enough to seed in seconds.
    static let fullSizeEvents = 20_000

    /// Checks every exercise, built by SwiftPM and built directly (a disagreement is kept as
    /// "ID direct build"); an exercise with a full-size run also runs it, keyed "ID full size".
    private static func checkAll(
        _ exercises: [Exercise], runner: Runner, workspace: Workspace, seeded: URL,
        onResult: @Sendable (String, Workspace, CheckStatus) -> Void,
        afterEach: (Exercise) async throws -> Void = { _ in }
    ) async throws -> [String: CheckOutcome] {
        var outcomes: [String: CheckOutcome] = [:]
        let package = runner.paths.folder(of: workspace), scratch = runner.scratch(for: workspace)
        for exercise in exercises {
            let (outcome, disagreement) = try await runner.checkComparingBuilds(exercise, package: package, scratch: scratch, workspace: workspace)
            outcomes[exercise.id] = outcome
            outcomes["\(exercise.id) direct build"] = disagreement.map { CheckOutcome(exercise: exercise.id, workspace: workspace, status: outcome.status, note: $0) }
            onResult(exercise.id, workspace, outcome.status)
            try await afterEach(exercise)
            guard exercise.fullSizeRun != nil, outcome.status != .compileError else { continue }
            let copy = seeded.deletingLastPathComponent().appending(path: "full-size-\(workspace.rawValue)-\(exercise.id).sqlite")
            try SampleStoreSeeder.removeStore(at: copy.path)
            for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: seeded.path + suffix) {
                try FileManager.default.copyItem(atPath: seeded.path + suffix, toPath: copy.path + suffix)
            }
            let full = try await runner.check(exercise, package: package, scratch: scratch, workspace: workspace,
                                              kind: .fullSize, sampleStore: copy)
            try? SampleStoreSeeder.removeStore(at: copy.path)
            outcomes["\(exercise.id) full size"] = full
            onResult("\(exercise.id) full size", workspace, full.status)
        }
        return outcomes
    }

    /// Mirrors Exercises/ (manifest, checks, package) with the pristine copies in place of its
    /// sources and instructions. Only files that differ are written, so the build folder keeps
    /// what it can reuse from the last run.
    private func preparePristineWorkspace(at pristinePaths: ProjectPaths) throws {
        var wanted: [String: Data] = [:]
        for (path, data) in try WorkspaceCopy.files(in: paths.exercises) where !PristineFiles.folders.contains(where: { path.hasPrefix($0 + "/") }) {
            wanted[path] = data
        }
        if let manifest = wanted["Package.swift"] {
            let text = WorkspaceCopy.rewritingPackagePaths(String(decoding: manifest, as: UTF8.self), base: paths.exercises)
            wanted["Package.swift"] = Data(text.utf8)
        }
        for (path, contents) in pristine.files { wanted[path] = Data(contents.utf8) }
        try WorkspaceCopy.mirror(wanted, into: pristinePaths.exercises)
    }
}
