import Foundation
import WorkshopKit

/// The fixture workspace (Tests/Fixtures/Workspace), copied out of the repository so that no
/// test ever writes into it.
enum Fixture {
    static let repositoryRoot = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let source = repositoryRoot.appending(path: "Tests/Fixtures/Workspace")
    /// Build folders shared by every copy, so each package builds its libraries once per run.
    static let scratch = repositoryRoot.appending(path: ".build-fixtures")

    /// A fresh copy in a temporary folder.
    static func copy() throws -> ProjectPaths {
        let root = FileManager.default.temporaryDirectory.appending(path: "workshop-fixture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for workspace in ["Exercises", "Solutions"] {
            try WorkspaceCopy.copy(source.appending(path: workspace), to: root.appending(path: workspace))
        }
        return ProjectPaths(root: root)
    }

    /// One copy shared by the tests that only read it (building and checking), so they share
    /// their builds too.
    static let shared: ProjectPaths = {
        do { return try copy() } catch { fatalError("cannot copy the fixture workspace: \(error)") }
    }()

    static func runner(_ paths: ProjectPaths = shared, runTimeout: Duration = .seconds(20)) -> Runner {
        Runner(paths: paths, configuration: RunnerConfiguration(runTimeout: runTimeout, outputLimit: 16 * 1024, scratchBase: paths == shared ? scratch : scratch.appending(path: "copies")))
    }

    static var catalog: Catalog {
        get throws { try Catalog.load(from: shared.manifest) }
    }
}
