import Foundation

/// The workshop's own mutation testing: every shipped wrong answer must be rejected by a named
/// check, every accepted alternative must pass. A maintainer who weakens or over-fits a check
/// sees verify fail.
///
/// They run in verify's pristine copy, right after that exercise's own check: its build folder
/// already holds everything but the exercise's module, so each patch costs one incremental
/// build of one module (about a second or two) instead of a cold build.
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

    /// Tries each patch of `exercise` in the workspace at `package` (verify's pristine copy):
    /// the solution's module with the patch applied, built and checked; then puts the pristine
    /// module back.
    func tryPatches(of exercise: Exercise, runner: Runner, package: URL, scratch: URL) async throws -> (trials: [PatchTrial], problems: [String]) {
        let patches: [(kind: PatchTrial.Kind, patch: SolutionPatch)]
        do { patches = try self.patches(of: exercise) } catch { return ([], ["\(error)"]) }
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
            let outcome = try await runner.check(exercise, package: package, scratch: scratch, workspace: .exercises)
            let (trial, problem) = PatchTrial.judge(outcome, patch: patch, kind: kind, exercise: exercise.id)
            trials.append(trial)
            if let problem { problems.append(problem) }
        }
        return (trials, problems)
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
