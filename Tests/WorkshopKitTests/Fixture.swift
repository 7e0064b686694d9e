import Foundation
import WorkshopKit

/// The fixture workspace (Tests/Fixtures/Workspace), copied out of the repository so that no
/// test ever writes into it.
enum Fixture {
    static let repositoryRoot = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let source = repositoryRoot.appending(path: "Tests/Fixtures/Workspace")
    /// Build folders shared by every copy, so each package builds its libraries once per run.
    static let scratch = repositoryRoot.appending(path: ".build-fixtures")

    /// A fresh copy in a temporary folder (or at `root`).
    static func copy(to root: URL = FileManager.default.temporaryDirectory.appending(path: "workshop-fixture-\(UUID().uuidString)")) throws -> ProjectPaths {
        if FileManager.default.fileExists(atPath: root.path) { try FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for workspace in ["Exercises", "Solutions"] {
            try WorkspaceCopy.copy(source.appending(path: workspace), to: root.appending(path: workspace))
        }
        return ProjectPaths(root: root)
    }

    /// One copy shared by the tests that only read it (building and checking), so they share
    /// their builds too. It lives at a fixed place next to its build folders: SwiftPM may reuse
    /// a build folder's plan for a package that moved, so a build folder serves one path only.
    static let shared: ProjectPaths = {
        do { return try copy(to: scratch.appending(path: "kit-project")) } catch { fatalError("cannot copy the fixture workspace: \(error)") }
    }()

    static func runner(_ paths: ProjectPaths = shared, runTimeout: Duration = .seconds(20)) -> Runner {
        Runner(paths: paths, configuration: RunnerConfiguration(runTimeout: runTimeout, outputLimit: 16 * 1024, scratchBase: paths == shared ? scratch.appending(path: "kit") : paths.root))
    }

    static var catalog: Catalog {
        get throws { try Catalog.load(from: shared.manifest) }
    }
}
