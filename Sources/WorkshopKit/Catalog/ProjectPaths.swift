import Foundation

/// Where everything lives in a workshop project: the folder holding `Exercises/workshop.json`.
///
/// ```swift
/// let paths = try ProjectPaths.discover(from: currentDirectory, override: env["WORKSHOP_ROOT"])
/// paths.manifest      // <root>/Exercises/workshop.json
/// paths.progressStore // <root>/.workshop/progress.sqlite
/// ```
public struct ProjectPaths: Sendable, Hashable {
    /// The project root (the app package's folder in a clone).
    public let root: URL

    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    public var exercises: URL { root.appending(path: "Exercises", directoryHint: .isDirectory) }
    public var solutions: URL { root.appending(path: "Solutions", directoryHint: .isDirectory) }
    public var manifest: URL { exercises.appending(path: "workshop.json") }
    /// `.workshop/`: the learner's state, git-ignored.
    public var state: URL { root.appending(path: ".workshop", directoryHint: .isDirectory) }
    public var progressStore: URL { state.appending(path: "progress.sqlite") }

    /// The workspace folder (`Exercises/` or `Solutions/`).
    public func folder(of workspace: Workspace) -> URL {
        switch workspace {
        case .exercises: exercises
        case .solutions: solutions
        }
    }

    /// A path inside the project as the learner sees it, relative to the root
    /// (`Exercises/Sources/Facts/GuestStay.swift`); paths outside stay absolute.
    public func relative(_ url: URL) -> String {
        Self.relative(url.standardizedFileURL.path, to: root.path) ?? Self.relative(url.resolvingSymlinksInPath().path, to: root.resolvingSymlinksInPath().path) ?? url.path
    }

    static func relative(_ path: String, to base: String) -> String? {
        let base = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : nil
    }

    /// Finds the project: `override` (the `--root` option or `WORKSHOP_ROOT`) when given,
    /// else the nearest folder at or above `directory` that holds `Exercises/workshop.json`.
    public static func discover(from directory: URL, override: String? = nil) throws(ProjectNotFound) -> ProjectPaths {
        let files = FileManager.default
        if let override, !override.isEmpty {
            let paths = ProjectPaths(root: URL(filePath: override, directoryHint: .isDirectory, relativeTo: directory))
            guard files.fileExists(atPath: paths.manifest.path) else {
                throw ProjectNotFound(message: "\(paths.root.path) is not a workshop project: it has no Exercises/workshop.json.")
            }
            return paths
        }
        var candidate = directory.standardizedFileURL
        while true {
            let paths = ProjectPaths(root: candidate)
            if files.fileExists(atPath: paths.manifest.path) { return paths }
            let parent = candidate.deletingLastPathComponent()
            if parent.path == candidate.path { break }
            candidate = parent
        }
        throw ProjectNotFound(message: "No workshop project here: no Exercises/workshop.json in \(directory.path) or any folder above it. Run workshop from the project folder, or pass --root PATH (or set WORKSHOP_ROOT).")
    }
}

/// Which of the two workspaces to use: the learner's `Exercises/` or the `Solutions/`.
public enum Workspace: String, Sendable, Hashable, Codable, CaseIterable {
    case exercises
    case solutions
}

/// No workshop project could be found; the message says where we looked and what to do.
public struct ProjectNotFound: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
