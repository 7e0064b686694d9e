import Foundation

/// Copies a workspace package (`Exercises/`, `Solutions/`) elsewhere so it still builds: its
/// relative `.package(path: "..")` dependency is rewritten to the absolute path it meant.
///
/// `workshop verify` builds pristine copies this way under `.workshop/`, so the learner's edits
/// never affect it; the tests copy fixture workspaces into temporary folders.
public enum WorkspaceCopy {
    /// Copies `source` to `destination` (replacing it), leaving out build folders and
    /// `Package.resolved`-free state, and rewrites the manifest's relative package paths.
    public static func copy(_ source: URL, to destination: URL) throws {
        let files = FileManager.default
        if files.fileExists(atPath: destination.path) { try files.removeItem(at: destination) }
        try files.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        try files.copyItem(at: source, to: destination)
        for entry in (try? files.contentsOfDirectory(atPath: destination.path)) ?? [] where entry.hasPrefix(".build") || entry == ".swiftpm" {
            try files.removeItem(at: destination.appending(path: entry))
        }
        try rewriteManifest(in: destination, originalFolder: source)
    }

    /// Rewrites `.package(path: "relative")` in `folder/Package.swift` to the absolute path
    /// that `relative` meant when seen from `originalFolder`.
    public static func rewriteManifest(in folder: URL, originalFolder: URL) throws {
        let manifest = folder.appending(path: "Package.swift")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        let rewritten = rewritingPackagePaths(text, base: originalFolder)
        if rewritten != text { try rewritten.write(to: manifest, atomically: true, encoding: .utf8) }
    }

    static func rewritingPackagePaths(_ text: String, base: URL) -> String {
        var result = ""
        var rest = text[...]
        let marker = ".package(path: \""
        while let start = rest.range(of: marker) {
            result += rest[..<start.upperBound]
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            let path = String(rest[..<end])
            result += path.hasPrefix("/") ? path : URL(filePath: base.path + "/" + path, directoryHint: .isDirectory).standardizedFileURL.path
            rest = rest[end...]
        }
        return result + rest
    }

    /// Every regular file under `folder` (build folders, `.swiftpm` and `Package.resolved`
    /// left out), by relative path.
    static func files(in folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let base = folder.standardizedFileURL.resolvingSymlinksInPath().path
        guard let enumerator = FileManager.default.enumerator(at: folder.resolvingSymlinksInPath(), includingPropertiesForKeys: [.isRegularFileKey, .isDirectoryKey, .isSymbolicLinkKey]) else { return files }
        for case let url as URL in enumerator {
            let name = url.lastPathComponent
            // Symbolic links (Solutions/Checks) are not the workspace's own files: a mirror
            // recreates the link instead, and must never delete through it.
            let isLink = (try url.resourceValues(forKeys: [.isSymbolicLinkKey])).isSymbolicLink == true
            if name.hasPrefix(".build") || name == ".swiftpm" || name == "Package.resolved" || isLink {
                enumerator.skipDescendants()
                continue
            }
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true,
                  let relative = ProjectPaths.relative(url.standardizedFileURL.resolvingSymlinksInPath().path, to: base) else { continue }
            files[relative] = try Data(contentsOf: url)
        }
        return files
    }

    /// Makes `folder` hold exactly `files` (build folders and `Package.resolved` aside), writing
    /// only the files that differ so that modification times, and so incremental builds, survive.
    static func mirror(_ files: [String: Data], into folder: URL) throws {
        let manager = FileManager.default
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        let existing = try Self.files(in: folder)
        for (path, data) in files where existing[path] != data {
            let url = folder.appending(path: path)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        for path in existing.keys where files[path] == nil {
            try manager.removeItem(at: folder.appending(path: path))
        }
    }
}
