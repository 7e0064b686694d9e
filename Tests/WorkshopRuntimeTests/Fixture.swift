import Foundation
import WorkshopApp
import WorkshopKit

/// The fixture workspace (Tests/Fixtures/Workspace), copied out of the repository so that no
/// test ever writes into it, with its own build folders (one per copy: SwiftPM ties a build
/// folder to one package path).
enum Fixture {
    static let repositoryRoot = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let source = repositoryRoot.appending(path: "Tests/Fixtures/Workspace")
    static let scratch = repositoryRoot.appending(path: ".build-fixtures")

    /// A fresh copy at `root` (replacing what was there).
    static func copy(to root: URL) throws -> ProjectPaths {
        if FileManager.default.fileExists(atPath: root.path) { try FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for workspace in ["Exercises", "Solutions"] {
            try WorkspaceCopy.copy(source.appending(path: workspace), to: root.appending(path: workspace))
        }
        return ProjectPaths(root: root)
    }

    /// A fresh copy in a fixed place, so its build folders (`runtime/`) are reused between runs.
    static func project() throws -> ProjectPaths {
        try copy(to: scratch.appending(path: "runtime-project"))
    }

    /// The runner for `paths`, building in the runtime tests' own build folders.
    static func runner(_ paths: ProjectPaths, runTimeout: Duration = .seconds(20)) -> Runner {
        Runner(paths: paths, configuration: RunnerConfiguration(runTimeout: runTimeout, outputLimit: 16 * 1024, scratchBase: scratch.appending(path: "runtime")))
    }
}

/// The messages an effect sends back, awaited one by one as they arrive.
final class Answers: Sendable {
    let send: @Sendable (Msg) -> Void
    private let stream: AsyncStream<Msg>

    init() {
        let (stream, continuation) = AsyncStream<Msg>.makeStream()
        self.stream = stream
        send = { continuation.yield($0) }
    }

    /// Every message up to and including the first that `last` accepts.
    func until(_ last: (Msg) -> Bool) async -> [Msg] {
        var seen: [Msg] = []
        for await message in stream {
            seen.append(message)
            if last(message) { break }
        }
        return seen
    }
}
