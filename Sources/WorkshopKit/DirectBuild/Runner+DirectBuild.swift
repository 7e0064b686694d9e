import Foundation

extension Runner {
    /// Builds the check program of `exercise`: directly from SwiftPM's recorded plan when it
    /// still holds (`outcome.build == .direct`), else with SwiftPM, recording the plan for the
    /// next save (`outcome.fallback` says why SwiftPM built).
    func buildCheckProgram(_ exercise: Exercise, package: URL, scratch: URL, outcome: inout CheckOutcome) async throws -> ChildResult {
        let direct = configuration.directBuild
        let (result, path, fallback) = try await BuildLock.withLock(product: exercise.checkProduct, scratch: scratch) { () async throws -> (ChildResult, BuildPath, String?) in
            var fallback: String?
            if direct {
                let build = DirectBuild(exercise: exercise, scratch: scratch, package: package, configuration: configuration, environment: Self.childEnvironment)
                switch try await build.run() {
                case .built(let result): return (result, .direct, nil)
                case .fallback(let reason): fallback = reason
                }
            }
            return (try await buildWithSwiftPM(exercise, package: package, scratch: scratch), .swiftPM, fallback)
        }
        outcome.build = path
        outcome.fallback = fallback
        return result
    }

    /// Builds `exercise`'s check program ahead of its first check, with SwiftPM (which builds
    /// the libraries every exercise shares on the way), and records the direct build's plan.
    /// Nil when a plan that still holds says there is nothing to do.
    ///
    /// `make run` prebuilds the learner's exercise before the app opens; the app prebuilds the
    /// next exercise while the learner works, with `lowPriority` (under `nice`).
    public func prebuild(
        _ exercise: Exercise, in workspace: Workspace = .exercises, lowPriority: Bool = false,
        onOutput: (@Sendable (Data) -> Void)? = nil
    ) async throws -> ChildResult? {
        let package = paths.folder(of: workspace), scratch = scratch(for: workspace)
        return try await BuildLock.withLock(product: exercise.checkProduct, scratch: scratch) {
            if configuration.directBuild, let plan = DirectBuildPlan.load(product: exercise.checkProduct, scratch: scratch),
               plan.staleness(package: package, swift: DirectBuildPlan.resolve(configuration.swift)) == nil {
                return nil
            }
            return try await buildWithSwiftPM(exercise, package: package, scratch: scratch, lowPriority: lowPriority, onOutput: onOutput)
        }
    }

    /// `swift build` of the check program, then the plan recorded when the build got far
    /// enough: it built the program, or stopped only at errors in the exercise's own code.
    private func buildWithSwiftPM(
        _ exercise: Exercise, package: URL, scratch: URL, lowPriority: Bool = false, onOutput: (@Sendable (Data) -> Void)? = nil
    ) async throws -> ChildResult {
        let moduleFolder = package.appending(path: exercise.sourceFolder).path
        let checkFolder = package.appending(path: "Checks/\(exercise.checkProduct)").path
        // Taken before SwiftPM starts, so that a save during its build is not taken as built.
        let before = (module: DirectBuildPlan.sourceSignatures(in: moduleFolder), check: DirectBuildPlan.sourceSignatures(in: checkFolder))
        let result = try await build(product: exercise.checkProduct, package: package, scratch: scratch, lowPriority: lowPriority, onOutput: onOutput)
        guard configuration.directBuild else { return result }
        DirectBuildPlan.remove(product: exercise.checkProduct, scratch: scratch)
        guard !result.cancelled, !result.timedOut else { return result }
        if !result.succeeded {
            let own = Set(before.module.keys).union(before.check.keys)
            let errors = Diagnostic.parse(result.output.text, paths: nil).filter { $0.severity == .error }
            guard !errors.isEmpty, errors.allSatisfy({ own.contains(DirectBuildPlan.canonical($0.file)) }) else { return result }
        }
        let plan = try? await DirectBuildPlan.record(
            exercise: exercise, package: package, scratch: scratch, swift: configuration.swift,
            sourcesBefore: before, built: result.succeeded, environment: Self.childEnvironment)
        try? plan?.save(scratch: scratch)
        return result
    }
}

/// How the check program of a check was built.
public enum BuildPath: String, Codable, Sendable, Hashable {
    /// By SwiftPM (the first build of an exercise, or after something besides its code changed).
    case swiftPM = "swiftpm"
    /// By the compiler and linker jobs SwiftPM planned, without SwiftPM.
    case direct
}
