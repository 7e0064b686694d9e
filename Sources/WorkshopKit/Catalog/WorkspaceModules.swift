import Foundation

/// The module list of a workspace package (`Exercises/Package.swift`, `Solutions/Package.swift`),
/// generated from the manifest so that an exercise is registered in one place.
///
/// Generated rather than read by the package manifest at build time: SwiftPM caches a manifest's
/// evaluation by its own text, so a manifest that read `workshop.json` would keep building the
/// old list after an exercise is added (measured with swift 6.3: `swift package describe`
/// still listed the old targets after the JSON changed). `workshop pristine --write`
/// (`make pristine`) rewrites the block; `workshop pristine` and `workshop verify` fail while
/// it is stale.
public enum WorkspaceModules {
    static let begin = "// BEGIN exercise modules: generated from workshop.json by `make pristine`; do not edit."
    static let end = "// END exercise modules"

    /// The generated block for `catalog`: the modules in curriculum order, then those that link
    /// the SQLite store.
    public static func block(for catalog: Catalog) -> String {
        var lines = [begin, "let exercises = ["]
        var stage: String?
        for exercise in catalog.exercises {
            if exercise.stage != stage {
                stage = exercise.stage
                lines.append("    // \(catalog.stage(id: exercise.stage)?.title ?? exercise.stage)")
            }
            lines.append("    \"\(exercise.module)\",")
        }
        lines.append("]")
        let sqlite = catalog.exercises.filter(\.usesSQLite).map { "\"\($0.module)\"" }
        lines.append("let usesSQLite: Set<String> = [\(sqlite.isEmpty ? "" : sqlite.joined(separator: ", "))]")
        lines.append(end)
        return lines.joined(separator: "\n")
    }

    /// `manifest` (a Package.swift's text) with its block replaced by the one for `catalog`;
    /// nil when the text has no block to replace.
    public static func rewriting(_ manifest: String, for catalog: Catalog) -> String? {
        guard let start = manifest.range(of: begin), let stop = manifest.range(of: end, range: start.upperBound..<manifest.endIndex) else {
            return nil
        }
        return manifest.replacingCharacters(in: start.lowerBound..<stop.upperBound, with: block(for: catalog))
    }

    /// Rewrites the block of both workspace manifests under `paths` where it differs.
    ///
    /// - Returns: the manifests written.
    /// - Throws: `CatalogError` naming a manifest that has no block (or cannot be read).
    public static func write(in paths: ProjectPaths, catalog: Catalog) throws -> [URL] {
        var written: [URL] = []
        for folder in [paths.exercises, paths.solutions] {
            let manifest = folder.appending(path: "Package.swift")
            let text = try String(contentsOf: manifest, encoding: .utf8)
            guard let rewritten = rewriting(text, for: catalog) else {
                throw CatalogError("\(paths.relative(manifest)) has no generated module list to rewrite (\(begin.prefix(30))…).")
            }
            if rewritten != text {
                try rewritten.write(to: manifest, atomically: true, encoding: .utf8)
                written.append(manifest)
            }
        }
        return written
    }

    /// The workspace manifests under `paths` whose block differs from the catalog's, as
    /// sentences (empty when all agree).
    public static func problems(in paths: ProjectPaths, catalog: Catalog) -> [String] {
        [paths.exercises, paths.solutions].compactMap { folder in
            let url = folder.appending(path: "Package.swift")
            let name = "\(folder.lastPathComponent)/Package.swift"
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { return "\(name) cannot be read." }
            guard let rewritten = rewriting(text, for: catalog) else { return "\(name) has no generated module list (\(begin.prefix(30))…)." }
            return rewritten == text ? nil : "\(name) does not list the modules of workshop.json; run `make pristine`."
        }
    }
}
