import Foundation
import Synchronization

/// The workshop's own mutation testing: every shipped wrong answer must be rejected by a named
/// check, every accepted alternative must pass. A maintainer who weakens or over-fits a check
/// sees verify fail.
///
/// They run in verify's two copies (pristine exercises and solutions), right after that
/// exercise's own check there: the build folder already holds everything but the exercise's
/// module, so each patch costs one incremental build of one module instead of a cold build, and
/// the two copies share the patches so both cores work.
extension Verifier {
    /// `Solutions/Mutants/<id>/`: known wrong answers, one `.patch` each.
    public static let wrongAnswersFolder = "Mutants"
    /// `Solutions/Alternatives/<id>/`: other correct answers, one `.patch` each.
    public static let alternativesFolder = "Alternatives"

    /// The shipped patches of `exercise`, wrong answers first.
    public func patches(of exercise: Exercise) throws -> [(kind: PatchTrial.Kind, patch: SolutionPatch)] {
        let wrong = try SolutionPatch.load(from: paths.solutions.appending(path: "\(Self.wrongAnswersFolder)/\(exercise.id)"))
        let alternatives = try SolutionPatch.load(from: paths.solutions.appending(path: "\(Self.alternativesFolder)/\(exercise.id)"))
        return wrong.map { (.wrongAnswer, $0) } + alternatives.map { (.alternative, $0) }
    }

    /// Tries every other patch of `exercise` (those at even indices for `share` 0, odd for 1)
    /// in the workspace at `package`, one of verify's copies: the solution's module with the
    /// patch applied, built and checked; then puts the module back as it was.
    func tryPatches(
        of exercise: Exercise, share: Int, runner: Runner, package: URL, scratch: URL, workspace: Workspace
    ) async throws -> (trials: [PatchTrial], problems: [String]) {
        let patches: [(kind: PatchTrial.Kind, patch: SolutionPatch)]
        do {
            patches = try self.patches(of: exercise).enumerated().filter { $0.offset % 2 == share }.map(\.element)
        } catch {
            return ([], share == 0 ? ["\(error)"] : [])
        }
        guard !patches.isEmpty else { return ([], []) }
        let solution = try Self.moduleFiles(in: paths.solutions, exercise: exercise)
        let original = try Self.moduleFiles(in: package, exercise: exercise)
        defer { try? Self.replaceModule(of: exercise, in: package, with: original) }
        var trials: [PatchTrial] = [], problems: [String] = []
        for (kind, patch) in patches {
            let patched: [String: String]
            do { patched = try patch.apply(to: solution) } catch {
                trials.append(PatchTrial(exercise: exercise.id, name: patch.name, kind: kind, summary: patch.summary, status: nil, ok: false))
                problems.append("\(error)")
                continue
            }
            try Self.replaceModule(of: exercise, in: package, with: patched)
            var configuration = runner.configuration
            configuration.stopAtFirstFailure = kind == .wrongAnswer
            let outcome = try await Runner(paths: runner.paths, configuration: configuration)
                .check(exercise, package: package, scratch: scratch, workspace: workspace)
            let (trial, problem) = PatchTrial.judge(outcome, patch: patch, kind: kind, exercise: exercise.id)
            trials.append(trial)
            if let problem { problems.append(problem) }
        }
        return (trials, problems)
    }

    /// Tries this copy's share of the patches of `exercise` in `workspace` of verify's copies
    /// and adds what it saw to `log`.
    func tryPatches(
        of exercise: Exercise, share: Int, runner: Runner, in copies: ProjectPaths, workspace: Workspace, log: PatchTrialLog,
        onResult: @Sendable (String, Workspace, CheckStatus) -> Void
    ) async throws {
        let result = try await tryPatches(of: exercise, share: share, runner: runner, package: copies.folder(of: workspace),
                                          scratch: runner.scratch(for: workspace), workspace: workspace)
        log.add(result)
        for trial in result.trials {
            onResult("\(exercise.id) \(trial.kind == .wrongAnswer ? "wrong answer" : "alternative") \(trial.name)", workspace, trial.status ?? .compileError)
        }
    }

    /// Mirrors Solutions/ beside the pristine copy (`pristinePaths.solutions`), its symbolic
    /// links (Checks, Golden) pointing at the pristine copy's own. Only files that differ are
    /// written, so the build folder keeps what it can reuse from the last run.
    func prepareSolutionsWorkspace(at pristinePaths: ProjectPaths) throws {
        var wanted = try WorkspaceCopy.files(in: paths.solutions).filter { path, _ in
            !path.hasPrefix(Self.wrongAnswersFolder + "/") && !path.hasPrefix(Self.alternativesFolder + "/")
        }
        if let manifest = wanted["Package.swift"] {
            wanted["Package.swift"] = Data(WorkspaceCopy.rewritingPackagePaths(String(decoding: manifest, as: UTF8.self), base: paths.solutions).utf8)
        }
        try WorkspaceCopy.mirror(wanted, into: pristinePaths.solutions)
        let manager = FileManager.default
        for name in try manager.contentsOfDirectory(atPath: paths.solutions.path) {
            guard let target = try? manager.destinationOfSymbolicLink(atPath: paths.solutions.appending(path: name).path) else { continue }
            let link = pristinePaths.solutions.appending(path: name).path
            if (try? manager.destinationOfSymbolicLink(atPath: link)) == target { continue }
            try? manager.removeItem(atPath: link)
            try manager.createSymbolicLink(atPath: link, withDestinationPath: target)
        }
    }

    /// The files of the exercise's module in a workspace, by path relative to it.
    static func moduleFiles(in workspace: URL, exercise: Exercise) throws -> [String: String] {
        var files: [String: String] = [:]
        let folder = workspace.appending(path: exercise.sourceFolder, directoryHint: .isDirectory)
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".swift") {
            files["\(exercise.sourceFolder)/\(name)"] = try String(contentsOf: folder.appending(path: name), encoding: .utf8)
        }
        return files
    }

    /// Makes the module's folder hold exactly `files`. Writes are atomic (a new inode), so the
    /// build notices a change even within the same second and at the same size.
    static func replaceModule(of exercise: Exercise, in workspace: URL, with files: [String: String]) throws {
        let existing = try moduleFiles(in: workspace, exercise: exercise)
        for path in existing.keys where files[path] == nil {
            try FileManager.default.removeItem(at: workspace.appending(path: path))
        }
        for (path, contents) in files where existing[path] != contents {
            try Data(contents.utf8).write(to: workspace.appending(path: path), options: .atomic)
        }
    }
}

/// What both of verify's copies saw of the patches, collected as they finish.
final class PatchTrialLog: Sendable {
    private let state = Mutex<(trials: [PatchTrial], problems: [String])>(([], []))

    func add(_ result: (trials: [PatchTrial], problems: [String])) {
        state.withLock { $0.trials += result.trials; $0.problems += result.problems }
    }

    var contents: (trials: [PatchTrial], problems: [String]) { state.withLock { $0 } }
}
