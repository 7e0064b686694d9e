import CheckReport
import Foundation

/// Builds and checks one exercise in child processes: `swift build --product <Module>Check`
/// the first time, then only the compiler and linker jobs SwiftPM planned (`DirectBuild`),
/// then the check program with its report in a temporary file.
///
/// ```swift
/// let runner = Runner(paths: paths)
/// let outcome = try await runner.check(exercise, in: .exercises) { event in ... }
/// ```
///
/// Each exercise is its own build product, so one that does not compile never blocks another.
/// Exercises and Solutions build in separate scratch folders and can build at the same time.
/// Cancelling the calling task (a newer save) kills the running child and its process group.
public struct Runner: Sendable {
    public let paths: ProjectPaths
    public let configuration: RunnerConfiguration

    public init(paths: ProjectPaths, configuration: RunnerConfiguration = RunnerConfiguration()) {
        self.paths = paths
        self.configuration = configuration
    }

    /// The build folder of a workspace.
    public func scratch(for workspace: Workspace) -> URL {
        (configuration.scratchBase ?? paths.root).appending(path: ".build-\(workspace.rawValue)", directoryHint: .isDirectory)
    }

    /// Builds and checks `exercise` in `workspace`, reporting progress to `onEvent`; the first
    /// event (`.checking`) is sent before anything starts.
    ///
    /// - Throws: `CancellationError` only, when the calling task was cancelled.
    public func check(
        _ exercise: Exercise, in workspace: Workspace = .exercises,
        onEvent: @escaping @Sendable (CheckEvent) -> Void = { _ in }
    ) async throws -> CheckOutcome {
        try await check(exercise, package: paths.folder(of: workspace), scratch: scratch(for: workspace),
                        workspace: workspace, onEvent: onEvent)
    }

    /// The same check as a stream of events, ending with `.finished`. Stopping the iteration
    /// (or cancelling the consuming task) cancels the check.
    public func events(for exercise: Exercise, in workspace: Workspace = .exercises) -> AsyncStream<CheckEvent> {
        let (stream, continuation) = AsyncStream<CheckEvent>.makeStream()
        continuation.yield(.checking(exercise: exercise.id, workspace: workspace))
        let task = Task {
            let outcome = try? await check(exercise, in: workspace) { event in
                if case .checking = event { return }
                continuation.yield(event)
            }
            if let outcome, !Task.isCancelled { continuation.yield(.finished(outcome)) }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// Builds `exercise` in `workspace` and runs its full-size run against the sample store
    /// (`.workshop/sample.sqlite` unless `sampleStore` says otherwise) instead of its checks.
    /// Progress lines and steps arrive as `.reported` events while it runs; the outcome has one
    /// test, the run itself.
    ///
    /// - Throws: `CancellationError` only, when the calling task was cancelled.
    public func fullSizeRun(
        _ exercise: Exercise, in workspace: Workspace = .exercises, sampleStore: URL? = nil,
        onEvent: @escaping @Sendable (CheckEvent) -> Void = { _ in }
    ) async throws -> CheckOutcome {
        try await check(exercise, package: paths.folder(of: workspace), scratch: scratch(for: workspace),
                        workspace: workspace, kind: .fullSize, sampleStore: sampleStore, onEvent: onEvent)
    }

    /// Checks `exercise` (or runs its full-size run on `sampleStore`, by default the project's
    /// sample store) in any package laid out like `Exercises/` (verify uses a scratch copy).
    public func check(
        _ exercise: Exercise, package: URL, scratch: URL, workspace: Workspace, kind: RunKind = .checks,
        sampleStore: URL? = nil, onEvent: @escaping @Sendable (CheckEvent) -> Void = { _ in }
    ) async throws -> CheckOutcome {
        onEvent(.checking(exercise: exercise.id, workspace: workspace))
        let started = ContinuousClock.now
        var outcome = CheckOutcome(exercise: exercise.id, workspace: workspace, status: .failed, kind: kind)

        onEvent(.building)
        let build: ChildResult
        do {
            build = try await buildCheckProgram(exercise, package: package, scratch: scratch, outcome: &outcome)
        } catch let error as CancellationError {
            throw error
        } catch {
            outcome.status = .compileError
            outcome.note = "\(error)"
            outcome.seconds = ChildProcess.seconds(since: started)
            return outcome
        }
        if build.cancelled { throw CancellationError() }
        outcome.buildSeconds = build.seconds
        let buildOutput = build.output.text
        // In source order: SwiftPM prints its compiler jobs' messages in the order they end.
        outcome.diagnostics = Diagnostic.parse(buildOutput, paths: paths).sorted { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) }
        guard build.succeeded else {
            outcome.status = build.timedOut ? .timedOut : .compileError
            outcome.note = build.timedOut
                ? "The build took longer than \(Self.describe(configuration.buildTimeout)) and was stopped."
                : (outcome.diagnostics.contains { $0.severity == .error } ? nil : "The build failed; see the output.")
            outcome.output = buildOutput
            outcome.seconds = ChildProcess.seconds(since: started)
            return outcome
        }

        onEvent(.running)
        try await run(exercise, scratch: scratch, sampleStore: sampleStore ?? paths.sampleStore, into: &outcome, onEvent: onEvent)
        outcome.seconds = ChildProcess.seconds(since: started)
        return outcome
    }

    private func run(
        _ exercise: Exercise, scratch: URL, sampleStore: URL, into outcome: inout CheckOutcome,
        onEvent: @escaping @Sendable (CheckEvent) -> Void
    ) async throws {
        let report = FileManager.default.temporaryDirectory.appending(path: "workshop-report-\(UUID().uuidString).jsonl")
        _ = FileManager.default.createFile(atPath: report.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: report) }
        var environment = Self.childEnvironment
        environment["WORKSHOP_REPORT"] = report.path
        // CheckSuite.stopAtFirstFailureVariable, spelled out as WORKSHOP_REPORT is: the runner does
        // not link the checks' library.
        if configuration.stopAtFirstFailure { environment["WORKSHOP_STOP_AT_FIRST_FAILURE"] = "1" }
        // The same code gives the same messages on every run (dictionaries print in one order).
        environment["SWIFT_DETERMINISTIC_HASHING"] = "1"
        let timeout: Duration
        var follower: Task<Void, Never>?
        switch outcome.kind {
        case .checks:
            timeout = configuration.runTimeout
        case .fullSize:
            environment["WORKSHOP_SAMPLE"] = sampleStore.path
            timeout = configuration.fullSizeRunTimeout
            // A full-size run takes minutes: its progress and steps are passed on as they are
            // written, so the app can draw the gauge and the read models live.
            follower = Task.detached {
                var reader = ReportReader(url: report)
                while true {
                    for line in reader.readNewLines() { onEvent(.reported(line)) }
                    // Cancelled once the program has ended: the read above got its last lines.
                    if Task.isCancelled { break }
                    try? await Task.sleep(for: .milliseconds(150))
                }
            }
        }
        let executable = scratch.appending(path: "debug/\(exercise.checkProduct)").path
        let result: ChildResult
        do {
            result = try await ChildProcess.run(
                executable, arguments: [], environment: environment, directory: paths.root,
                timeout: timeout, outputLimit: configuration.outputLimit)
            follower?.cancel()
            await follower?.value
        } catch {
            follower?.cancel()
            await follower?.value
            outcome.status = .crashed
            outcome.note = "\(error)"
            return
        }
        if result.cancelled { throw CancellationError() }
        outcome.output = result.output.text

        var ended: (passed: Int, failed: Int)?
        let decoder = ReportLine.decoder
        let text = (try? Data(contentsOf: report)) ?? Data()
        for line in text.split(separator: 0x0A) where !line.isEmpty {
            guard let entry = try? decoder.decode(ReportLine.self, from: Data(line)) else { continue }
            switch entry {
            case .check(let check): outcome.tests.append(check)
            case .step(let step): outcome.trace.append(step)
            case .progress: break
            case .end(let passed, let failed): ended = (passed, failed)
            }
        }
        if result.timedOut {
            outcome.status = .timedOut
            outcome.note = "The \(outcome.kind == .checks ? "checks" : "full-size run") ran longer than \(Self.describe(timeout)) and were stopped: look for a loop that never ends."
        } else if let ended, result.signal == nil {
            outcome.status = ended.failed == 0 && result.exitStatus == 0 ? .passed : .failed
        } else {
            outcome.status = .crashed
            let how = result.signal.map { "signal \($0)\($0 == SIGILL || $0 == SIGTRAP ? ", a Swift runtime trap such as an index out of range, a force unwrap of nil or a fatalError" : "")" }
                ?? "exit status \(result.exitStatus ?? -1)"
            outcome.note = "The check program stopped before it finished (\(how)). The checks reported before the crash are shown; the output tells where it stopped."
        }
    }

    /// Runs `swift build` for one product. Skips dependency resolution when it is known to be
    /// up to date (it costs about 0.7 s per build), and retries with resolution when SwiftPM
    /// says it is needed after all. A low-priority build runs under `nice` (a prebuild).
    func build(
        product: String, package: URL, scratch: URL, lowPriority: Bool = false, onOutput: (@Sendable (Data) -> Void)? = nil
    ) async throws -> ChildResult {
        let arguments = ["build", "--package-path", package.path, "--scratch-path", scratch.path, "--product", product]
        let (program, prefix) = lowPriority ? ("nice", ["-n", "19", configuration.swift]) : (configuration.swift, [])
        let skipResolution = Self.resolutionIsCurrent(package: package, scratch: scratch)
        let first = try await ChildProcess.run(
            program, arguments: prefix + arguments + (skipResolution ? ["--disable-automatic-resolution"] : []),
            environment: Self.childEnvironment, directory: paths.root,
            timeout: configuration.buildTimeout, outputLimit: configuration.outputLimit, onOutput: onOutput)
        guard skipResolution, !first.succeeded, !first.timedOut, !first.cancelled,
              Diagnostic.parse(first.output.text, paths: nil).isEmpty else { return first }
        return try await ChildProcess.run(
            program, arguments: prefix + arguments, environment: Self.childEnvironment, directory: paths.root,
            timeout: configuration.buildTimeout, outputLimit: configuration.outputLimit, onOutput: onOutput)
    }

    /// Whether this package was resolved into this build folder before. If the pins went
    /// stale since, the build with `--disable-automatic-resolution` fails fast and is retried.
    static func resolutionIsCurrent(package: URL, scratch: URL) -> Bool {
        let files = FileManager.default
        return files.fileExists(atPath: package.appending(path: "Package.resolved").path)
            && files.fileExists(atPath: scratch.appending(path: "workspace-state.json").path)
    }

    static var childEnvironment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        environment["WORKSHOP_REPORT"] = nil
        return environment
    }

    static func describe(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return seconds == seconds.rounded() ? "\(Int(seconds)) s" : String(format: "%.1f s", seconds)
    }
}

/// Reads a report file that a running check program is still writing: each call returns the
/// complete lines written since the last call, and keeps a partial last line for the next.
struct ReportReader {
    let url: URL
    private var offset: UInt64 = 0
    private var partial = Data()
    private let decoder = ReportLine.decoder

    init(url: URL) {
        self.url = url
    }

    mutating func readNewLines() -> [ReportLine] {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return [] }
        defer { try? handle.close() }
        guard (try? handle.seek(toOffset: offset)) != nil, let data = try? handle.readToEnd(), !data.isEmpty else { return [] }
        offset += UInt64(data.count)
        partial.append(data)
        guard let lastNewline = partial.lastIndex(of: 0x0A) else { return [] }
        let complete = partial[partial.startIndex...lastNewline]
        partial = Data(partial[partial.index(after: lastNewline)...])
        return complete.split(separator: 0x0A).compactMap { try? decoder.decode(ReportLine.self, from: Data($0)) }
    }
}
