import Foundation

/// A plan could not be read from SwiftPM's build description; the check keeps using SwiftPM.
struct PlanNotRecorded: Error, CustomStringConvertible {
    let description: String
}

extension DirectBuildPlan {
    /// Reads the plan for `exercise` from the build SwiftPM just did in `scratch` (its llbuild
    /// manifest, and the jobs its Swift driver and clang say they run).
    ///
    /// - Parameters:
    ///   - sourcesBefore: the module's and the check's source signatures taken before SwiftPM
    ///     started, so that a save during its build is not mistaken for built.
    ///   - built: whether SwiftPM built the check program (false after a compile error).
    static func record(
        exercise: Exercise, package: URL, scratch: URL, swift: String,
        sourcesBefore: (module: [String: FileSignature?], check: [String: FileSignature?]), built: Bool,
        environment: [String: String]
    ) async throws -> DirectBuildPlan {
        let manifest = try BuildManifest(contentsOf: scratch.appending(path: "debug.yaml"))
        let checkName = exercise.checkProduct
        guard let moduleCommand = manifest.command(target: exercise.module, kind: "module"),
              let checkCommand = manifest.command(target: checkName, kind: "module"),
              let linkCommand = manifest.command(target: checkName, kind: "exe") else {
            throw PlanNotRecorded(description: "SwiftPM's manifest has no commands for \(checkName)")
        }
        let runner = JobPrinter(directory: package, environment: environment)
        let module = try await target(moduleCommand, name: exercise.module, folder: package.appending(path: exercise.sourceFolder).path, runner: runner)
        let check = try await target(checkCommand, name: checkName, folder: package.appending(path: "Checks/\(checkName)").path, runner: runner)

        // Unknown while the objects are missing (SwiftPM stopped at a compile error): the first
        // direct link then goes through the driver and learns it.
        let linker = (try? await linkerCommand(linkCommand.arguments, printer: runner)) ?? []
        guard let output = linkCommand.outputs.first else { throw PlanNotRecorded(description: "the link has no output") }

        // Everything the link depends on that is not ours to rebuild must stay as it is.
        let debug = URL(filePath: module.swiftmodule).deletingLastPathComponent().deletingLastPathComponent().path + "/"
        let ownPrefixes = [
            "\(debug)\(exercise.module).build/", "\(debug)\(checkName).build/", "\(debug)\(checkName).product/",
            "\(debug)Modules/\(exercise.module).", "\(debug)Modules/\(checkName).",
        ]
        let ownSources = Set(module.sources + check.sources)
        let (produced, leaves) = manifest.closure(of: linkCommand)
        var watched = produced.union(leaves).filter { path in
            path != output && !ownSources.contains(canonical(path)) && !ownPrefixes.contains { path.hasPrefix($0) }
        }
        watched.insert(package.appending(path: "Package.swift").path)
        watched.insert(package.appending(path: "Package.resolved").path)
        watched.formUnion(dependencyManifests(scratch: scratch))
        let programs = [module.emitModule, check.emitModule, moduleCommand.arguments, linkCommand.arguments].compactMap(\.first)
            + (module.compile + check.compile).compactMap(\.first)
        watched.formUnion(programs)

        var plan = DirectBuildPlan(
            format: currentFormat, product: checkName, package: canonical(package.path), module: module, check: check,
            link: Link(linker: linker, driver: linkCommand.arguments, imports: importLines(of: module.sources + check.sources), executable: output),
            unchanged: FileSignature.of(watched.sorted()), swift: resolve(swift), built: nil)
        let interface = interfaceCopy(product: checkName, scratch: scratch)
        try? FileManager.default.removeItem(at: interface)
        if built {
            plan.built = Built(moduleSources: sourcesBefore.module, checkSources: sourcesBefore.check, executable: FileSignature.of(output))
            try FileManager.default.createDirectory(at: folder(scratch: scratch), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: URL(filePath: module.swiftmodule), to: interface)
        }
        return plan
    }

    /// The linker command SwiftPM's link ends in: the driver runs swift-autolink-extract, then
    /// clang, which runs the linker with the libraries the objects ask for. Needs the objects.
    static func linkerCommand(_ link: [String], printer: JobPrinter) async throws -> [String] {
        guard let clang = try await printer.jobs(of: link).first(where: { URL(filePath: $0[0]).lastPathComponent.hasPrefix("clang") }) else {
            throw PlanNotRecorded(description: "the driver's link has no clang job")
        }
        let linkerJobs = try await printer.jobs(of: clang, quotedLinesOnly: true)
        guard linkerJobs.count == 1, let linker = linkerJobs.first else {
            throw PlanNotRecorded(description: "clang's link is not one linker job")
        }
        return linker
    }

    /// The module compiled by `command`, with the jobs its driver runs when every source changed.
    private static func target(_ command: BuildManifest.Command, name: String, folder: String, runner: JobPrinter) async throws -> Target {
        let sources = command.inputs.filter { $0.hasSuffix(".swift") }.map(canonical)
        guard !sources.isEmpty, Set(sources) == Set(swiftSources(in: folder)) else {
            throw PlanNotRecorded(description: "the sources of \(name) are not the files in \(folder)")
        }
        let arguments = command.arguments
        guard let modulePath = value(after: "-emit-module-path", in: arguments),
              let mapPath = value(after: "-output-file-map", in: arguments) else {
            throw PlanNotRecorded(description: "the compile of \(name) names no module or output file map")
        }
        // Without -incremental the driver schedules every source, as a first build does.
        let jobs = try await runner.jobs(of: arguments.filter { $0 != "-incremental" })
        var emitModule: [String]?
        var compile: [[String]] = []
        for job in jobs {
            if job.contains("-modulewrap") { continue }  // debug info for LLDB only
            guard URL(filePath: job[0]).lastPathComponent == "swift-frontend" else {
                throw PlanNotRecorded(description: "unexpected job in the compile of \(name): \(job[0])")
            }
            if job.contains("-c") {
                compile.append(job)
            } else if job.contains("-emit-module"), emitModule == nil {
                emitModule = job
            } else {
                throw PlanNotRecorded(description: "unexpected frontend job in the compile of \(name)")
            }
        }
        guard let emitModule, !compile.isEmpty else {
            throw PlanNotRecorded(description: "the driver plans no module and compile jobs for \(name)")
        }
        var records: [String] = []
        if let map = try? JSONSerialization.jsonObject(with: Data(contentsOf: URL(filePath: mapPath))) as? [String: Any],
           let whole = map[""] as? [String: Any], let dependencies = whole["swift-dependencies"] as? String {
            records = [dependencies, URL(filePath: dependencies).deletingPathExtension().path + ".priors"]
        }
        let objects = command.outputs.filter { $0.hasSuffix(".o") }
        return Target(name: name, folder: folder, sources: sources.sorted(), emitModule: emitModule, compile: compile,
                      swiftmodule: modulePath, objects: objects, buildRecords: records)
    }

    private static func value(after flag: String, in arguments: [String]) -> String? {
        guard let index = arguments.firstIndex(of: flag), index + 1 < arguments.count else { return nil }
        return arguments[index + 1]
    }

    /// The manifests of the packages this one depends on, from SwiftPM's workspace state.
    private static func dependencyManifests(scratch: URL) -> [String] {
        guard let data = try? Data(contentsOf: scratch.appending(path: "workspace-state.json")),
              let state = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let object = state["object"] as? [String: Any],
              let dependencies = object["dependencies"] as? [[String: Any]] else { return [] }
        return dependencies.compactMap { dependency -> String? in
            guard let reference = dependency["packageRef"] as? [String: Any], let kind = reference["kind"] as? String else { return nil }
            if kind == "fileSystem", let location = reference["location"] as? String { return location + "/Package.swift" }
            if let subpath = dependency["subpath"] as? String { return scratch.appending(path: "checkouts/\(subpath)/Package.swift").path }
            return nil
        }
    }

    /// `program` as the shell would find it on PATH, with symlinks resolved.
    static func resolve(_ program: String) -> String {
        if program.contains("/") { return canonical(program) }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(folder)/\(program)") {
            return canonical("\(folder)/\(program)")
        }
        return program
    }
}

/// Asks a compiler driver which jobs it would run (`-###`), without running them.
struct JobPrinter {
    let directory: URL
    let environment: [String: String]

    func jobs(of command: [String], quotedLinesOnly: Bool = false) async throws -> [[String]] {
        guard let program = command.first else { throw PlanNotRecorded(description: "an empty command") }
        let result = try await ChildProcess.run(
            program, arguments: Array(command.dropFirst()) + ["-###"], environment: environment, directory: directory,
            timeout: .seconds(60), outputLimit: 4 * 1024 * 1024)
        guard result.succeeded, result.output.droppedBytes == 0 else {
            throw PlanNotRecorded(description: "\(program) -### failed: \(result.output.text.prefix(300))")
        }
        var jobs: [[String]] = []
        for line in result.output.text.split(separator: "\n") {
            // clang prints its jobs indented and quoted, after lines about itself.
            if quotedLinesOnly && !line.hasPrefix(" \"") { continue }
            guard line.hasPrefix("/") || line.hasPrefix(" \"") else { continue }
            guard let words = ShellWords.split(line), let first = words.first, first.hasPrefix("/") else {
                throw PlanNotRecorded(description: "cannot read the job line \(line.prefix(200))")
            }
            jobs.append(words)
        }
        return jobs
    }
}
