import Foundation

/// What the runner needs to rebuild one exercise's check program without SwiftPM: the exact
/// compiler and linker invocations SwiftPM planned for the learner's module, the check program
/// and its link, read from SwiftPM's own build description after it built the exercise, and
/// the files whose change means SwiftPM must plan again.
///
/// Stored as JSON in `<scratch>/workshop-direct/<Check product>.json`, next to SwiftPM's build
/// folder it describes, so that every `workshop check` process finds it.
struct DirectBuildPlan: Codable, Sendable {
    /// Plans written by another version of the recorder are not trusted.
    static let currentFormat = 2

    var format: Int
    var product: String
    /// The package it was recorded for (canonical path): a build folder shared by copies of a
    /// project in other places must not build one copy's sources for another.
    var package: String
    /// The learner's module.
    var module: Target
    /// The check program's module.
    var check: Target
    var link: Link
    /// Files that must be as they were when SwiftPM planned: the package manifests, every
    /// source and build output of the dependencies, and the toolchain's programs.
    var unchanged: [String: FileSignature?]
    /// The `swift` the runner starts, resolved on PATH: another one is another toolchain.
    var swift: String
    /// What the check program was last built from; nil when it was not built (SwiftPM stopped
    /// at a compile error), so that the next direct build compiles everything.
    var built: Built?

    /// One Swift module: its sources and the compiler jobs SwiftPM's driver runs for it when
    /// every source changed (emit-module, then the batches of `-c`).
    struct Target: Codable, Sendable {
        var name: String
        /// The folder SwiftPM takes the module's sources from.
        var folder: String
        var sources: [String]
        var emitModule: [String]
        var compile: [[String]]
        var swiftmodule: String
        var objects: [String]
        /// The driver's incremental-build state, removed after a direct compile so that the
        /// next SwiftPM build of the module starts afresh instead of trusting stale records.
        var buildRecords: [String]
    }

    struct Link: Codable, Sendable {
        /// The linker as SwiftPM's link ends up running it (`clang -###` of the driver's job,
        /// with the libraries the objects asked for at recording time); empty until known.
        var linker: [String]
        /// SwiftPM's own link command: used instead when the imports changed, since the
        /// libraries to link come from them.
        var driver: [String]
        /// The import lines of the module's and the check's sources at recording time.
        var imports: [String]
        var executable: String
    }

    struct Built: Codable, Sendable, Equatable {
        var moduleSources: [String: FileSignature?]
        var checkSources: [String: FileSignature?]
        var executable: FileSignature?
    }

    /// Where plans for builds in `scratch` live.
    static func folder(scratch: URL) -> URL {
        scratch.appending(path: "workshop-direct", directoryHint: .isDirectory)
    }

    static func location(product: String, scratch: URL) -> URL {
        folder(scratch: scratch).appending(path: "\(product).json")
    }

    /// The learner module's interface (`.swiftmodule`) the check program was last compiled
    /// against: when a new compile leaves it byte for byte the same, the check needs no compile.
    static func interfaceCopy(product: String, scratch: URL) -> URL {
        folder(scratch: scratch).appending(path: "\(product).swiftmodule")
    }

    static func load(product: String, scratch: URL) -> DirectBuildPlan? {
        guard let data = try? Data(contentsOf: location(product: product, scratch: scratch)),
              let plan = try? JSONDecoder().decode(DirectBuildPlan.self, from: data),
              plan.format == currentFormat else { return nil }
        return plan
    }

    func save(scratch: URL) throws {
        try FileManager.default.createDirectory(at: Self.folder(scratch: scratch), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(self).write(to: Self.location(product: product, scratch: scratch), options: .atomic)
    }

    static func remove(product: String, scratch: URL) {
        try? FileManager.default.removeItem(at: location(product: product, scratch: scratch))
        try? FileManager.default.removeItem(at: interfaceCopy(product: product, scratch: scratch))
    }

    /// Why SwiftPM must build instead, or nil when the plan still describes the build: only
    /// the contents of the learner's and the check's existing source files may have changed.
    func staleness(package: URL, swift resolved: String) -> String? {
        if Self.canonical(package.path) != self.package { return "it was last built for the package in \(self.package)" }
        if resolved != swift { return "the Swift toolchain changed (\(swift) → \(resolved))" }
        for target in [module, check] {
            let now = Set(Self.swiftSources(in: target.folder))
            if now != Set(target.sources.map(Self.canonical)) {
                return "files were added to or removed from \(target.name)"
            }
        }
        if let path = FileSignature.firstChanged(in: unchanged) { return "\(path) changed" }
        return nil
    }

    /// Every `.swift` file under `folder`, as canonical paths (SwiftPM takes them all).
    static func swiftSources(in folder: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var sources: [String] = []
        for case let relative as String in enumerator where relative.hasSuffix(".swift") {
            sources.append(canonical(folder + "/" + relative))
        }
        return sources.sorted()
    }

    /// The signatures of the files SwiftPM would compile from `folder`.
    static func sourceSignatures(in folder: String) -> [String: FileSignature?] {
        FileSignature.of(swiftSources(in: folder))
    }

    static func canonical(_ path: String) -> String {
        URL(filePath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }

    /// The import declarations of `sources`, in order: they decide which libraries the link needs.
    static func importLines(of sources: [String]) -> [String] {
        let modifiers: Set<Substring> = ["public", "internal", "package", "private", "fileprivate", "open"]
        var lines: [String] = []
        for source in sources {
            guard let text = try? String(contentsOfFile: source, encoding: .utf8) else {
                lines.append("unreadable \(source)")
                continue
            }
            for line in text.split(separator: "\n") {
                let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
                let rest = words.drop { $0.hasPrefix("@") || modifiers.contains($0) }
                if rest.first == "import" || line.contains("canImport") { lines.append(words.joined(separator: " ")) }
            }
        }
        return lines
    }
}
