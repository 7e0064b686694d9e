import Foundation

/// The fixture workspace (Tests/Fixtures/Workspace) copied somewhere the tests may write.
enum FixtureProject {
    static let repositoryRoot = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let workspace = repositoryRoot.appending(path: "Tests/Fixtures/Workspace")

    /// Copies Exercises/ and Solutions/ into `root` (emptied first) and points their package
    /// manifests at this repository by absolute path, so the copy builds from anywhere.
    static func copy(to root: URL) throws -> URL {
        if FileManager.default.fileExists(atPath: root.path) { try FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for name in ["Exercises", "Solutions"] {
            let target = root.appending(path: name)
            try FileManager.default.copyItem(at: workspace.appending(path: name), to: target)
            let manifest = target.appending(path: "Package.swift")
            let text = try String(contentsOf: manifest, encoding: .utf8)
            try text.replacingOccurrences(of: "\"../../../..\"", with: "\"\(repositoryRoot.path)\"")
                .write(to: manifest, atomically: true, encoding: .utf8)
        }
        return root
    }
}
