import Foundation

/// Rebuilds one exercise's check program without SwiftPM: the compiler jobs of the learner's
/// module, the check program's when the module's interface changed, the link, exactly as
/// SwiftPM's plan (`DirectBuildPlan`) says, in about a third of SwiftPM's time.
///
/// It answers `.fallback(reason)` whenever SwiftPM must build instead: no plan yet, anything
/// but the contents of the exercise's own source files changed, or the compiler or linker
/// failing for another reason than an error in the exercise's code. A compile error in the
/// exercise is an answer, with the same diagnostics SwiftPM would print.
struct DirectBuild: Sendable {
    enum Result: Sendable {
        /// The build ran: succeeded, or failed with the exercise's compile errors in its output.
        case built(ChildResult)
        case fallback(String)
    }

    let exercise: Exercise
    let scratch: URL
    /// The workspace package (`Exercises/`, `Solutions/` or a copy); jobs run in it.
    let package: URL
    let configuration: RunnerConfiguration
    let environment: [String: String]

    func run() async throws -> Result {
        guard let plan = DirectBuildPlan.load(product: exercise.checkProduct, scratch: scratch) else {
            return .fallback("SwiftPM has not built \(exercise.checkProduct) here yet")
        }
        if let reason = plan.staleness(package: package, swift: DirectBuildPlan.resolve(configuration.swift)) { return .fallback(reason) }
        let started = ContinuousClock.now
        let moduleNow = DirectBuildPlan.sourceSignatures(in: plan.module.folder)
        let checkNow = DirectBuildPlan.sourceSignatures(in: plan.check.folder)
        let moduleChanged = plan.built?.moduleSources != moduleNow
        let checkSourcesChanged = plan.built?.checkSources != checkNow
        let interface = DirectBuildPlan.interfaceCopy(product: plan.product, scratch: scratch)
        let checkNeeded: @Sendable () -> Bool = {
            checkSourcesChanged || plan.check.objects.contains { FileSignature.of($0) == nil }
                || (try? Data(contentsOf: URL(filePath: plan.module.swiftmodule))) != (try? Data(contentsOf: interface))
        }

        // The check program's interface (its emit-module job) is left out: nothing imports an
        // executable, and its `-c` jobs type-check every one of its files in full.
        var results: [ChildResult] = []
        var checkCompiled = false
        if moduleChanged || checkSourcesChanged {
            // Until this build succeeds, nothing counts as built: a build stopped half way
            // (an error, a newer save) must not leave objects that look current.
            var building = plan
            building.built = nil
            try building.save(scratch: scratch)
            // Nor may SwiftPM's driver trust its records of modules compiled behind its back.
            let stale = (moduleChanged ? plan.module.buildRecords : []) + plan.check.buildRecords
            for record in stale { try? FileManager.default.removeItem(atPath: record) }
        }
        if moduleChanged {
            // The module's interface and its code compile side by side; the check program,
            // when it needs compiling, starts as soon as the interface is written.
            async let emitted = job(plan.module.emitModule)
            async let compiled = jobs(plan.module.compile)
            let emit = try await emitted
            let compileCheck = emit.succeeded && checkNeeded()
            // The check's objects are about to change: forget which interface they were built on.
            if compileCheck { try? FileManager.default.removeItem(at: interface) }
            async let checkResults = compileCheck ? jobs(plan.check.compile) : []
            let moduleResults = [emit] + (try await compiled)
            if let answer = try verdict(moduleResults, plan: plan, started: started) { return answer }
            let check = try await checkResults
            if let answer = try verdict(check, plan: plan, started: started) { return answer }
            results = moduleResults + check
            checkCompiled = compileCheck
        } else if checkNeeded() {
            try? FileManager.default.removeItem(at: interface)
            for record in plan.check.buildRecords { try? FileManager.default.removeItem(atPath: record) }
            results = try await jobs(plan.check.compile)
            if let answer = try verdict(results, plan: plan, started: started) { return answer }
            checkCompiled = true
        }

        var output = CappedOutput(limit: configuration.outputLimit)
        for result in results { output.append(Data(result.output.text.utf8)) }
        var updated = plan
        if moduleChanged || checkCompiled || plan.built.map({ FileSignature.of(plan.link.executable) != $0.executable }) ?? true {
            let imports = DirectBuildPlan.importLines(of: plan.module.sources + plan.check.sources)
            let direct = imports == plan.link.imports && !plan.link.linker.isEmpty
            let link = try await job(direct ? plan.link.linker : plan.link.driver)
            if link.cancelled { throw CancellationError() }
            guard link.succeeded else {
                return .fallback("the link failed: \(link.output.text.split(separator: "\n").first ?? "no output")")
            }
            if plan.link.linker.isEmpty, imports == plan.link.imports {
                updated.link.linker = (try? await DirectBuildPlan.linkerCommand(plan.link.driver, printer: JobPrinter(directory: package, environment: environment))) ?? []
            }
        }
        if let path = FileSignature.firstChanged(in: plan.unchanged) { return .fallback("\(path) changed during the build") }

        updated.built = DirectBuildPlan.Built(moduleSources: moduleNow, checkSources: checkNow, executable: FileSignature.of(plan.link.executable))
        if checkCompiled {
            try FileManager.default.copyItem(at: URL(filePath: plan.module.swiftmodule), to: interface)
        }
        try updated.save(scratch: scratch)
        return .built(ChildResult(exitStatus: 0, signal: nil, timedOut: false, cancelled: false, output: output,
                                  seconds: ChildProcess.seconds(since: started), firstOutputSeconds: nil))
    }

    /// Nil when every job succeeded; the compile error when the failures are errors in the
    /// exercise's own sources; a fallback for anything else.
    private func verdict(_ results: [ChildResult], plan: DirectBuildPlan, started: ContinuousClock.Instant) throws -> Result? {
        if results.contains(where: \.cancelled) { throw CancellationError() }
        guard results.contains(where: { !$0.succeeded }) else { return nil }
        var output = CappedOutput(limit: configuration.outputLimit)
        for result in results { output.append(Data(result.output.text.utf8)) }
        let text = output.text
        guard !results.contains(where: { $0.timedOut || $0.signal != nil }), output.droppedBytes == 0 else {
            return .fallback("the compiler stopped abnormally")
        }
        let own = Set(plan.module.sources + plan.check.sources)
        let errors = Diagnostic.parse(text, paths: nil).filter { $0.severity == .error }
        guard !errors.isEmpty, errors.allSatisfy({ own.contains(DirectBuildPlan.canonical($0.file)) }) else {
            return .fallback("the compiler failed without an error in \(exercise.module)'s code")
        }
        return .built(ChildResult(exitStatus: 1, signal: nil, timedOut: false, cancelled: false, output: output,
                                  seconds: ChildProcess.seconds(since: started), firstOutputSeconds: nil))
    }

    private func job(_ command: [String]) async throws -> ChildResult {
        guard let program = command.first else { throw PlanNotRecorded(description: "an empty job") }
        return try await ChildProcess.run(
            program, arguments: Array(command.dropFirst()), environment: environment, directory: package,
            timeout: configuration.buildTimeout, outputLimit: configuration.outputLimit)
    }

    private func jobs(_ commands: [[String]]) async throws -> [ChildResult] {
        try await withThrowingTaskGroup(of: (Int, ChildResult).self) { group in
            for (index, command) in commands.enumerated() {
                group.addTask { (index, try await job(command)) }
            }
            var results: [(Int, ChildResult)] = []
            for try await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }
}
