import Foundation

/// The workshop's exercises in order, decoded from the manifest `Exercises/workshop.json`.
///
/// ```swift
/// let catalog = try Catalog.load(from: paths.manifest)
/// let facts = try catalog.exercise(id: "facts")
/// ```
///
/// Loading checks what a broken manifest would otherwise turn into a crash later: JSON syntax
/// (with line and column), unknown stages, duplicate ids and modules, empty fields.
public struct Catalog: Sendable, Hashable {
    public var stages: [Stage]
    public var exercises: [Exercise]

    public init(stages: [Stage], exercises: [Exercise]) throws(CatalogError) {
        self.stages = stages
        self.exercises = exercises
        try validate()
    }

    private struct Manifest: Decodable {
        var stages: [Stage]
        var exercises: [Exercise]
    }

    /// Decodes and validates a manifest.
    public init(json data: Data) throws(CatalogError) {
        let manifest: Manifest
        do {
            manifest = try JSONDecoder().decode(Manifest.self, from: data)
        } catch {
            throw CatalogError(Self.explain(error, in: data))
        }
        try self.init(stages: manifest.stages, exercises: manifest.exercises)
    }

    /// Reads the manifest file.
    public static func load(from url: URL) throws(CatalogError) -> Catalog {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw CatalogError("cannot read the manifest \(url.path): \(error.localizedDescription)")
        }
        do {
            return try Catalog(json: data)
        } catch {
            throw CatalogError("\(url.lastPathComponent): \(error.message)")
        }
    }

    /// The exercise with this id.
    ///
    /// - Throws: `CatalogError` naming the nearest known ids.
    public func exercise(id: String) throws(CatalogError) -> Exercise {
        if let exercise = exercises.first(where: { $0.id == id }) { return exercise }
        let nearest = EditDistance.nearest(to: id, among: exercises.map(\.id))
        let suggestion = nearest.isEmpty ? " Run `workshop list` to see them." : " Did you mean \(nearest.map { "'\($0)'" }.joined(separator: " or "))?"
        throw CatalogError("no exercise with id '\(id)'.\(suggestion)")
    }

    /// The stage with this id.
    public func stage(id: String) -> Stage? { stages.first { $0.id == id } }

    /// The exercise after `exercise`, in manifest order.
    public func exercise(after exercise: Exercise) -> Exercise? {
        guard let index = exercises.firstIndex(of: exercise), index + 1 < exercises.count else { return nil }
        return exercises[index + 1]
    }

    private func validate() throws(CatalogError) {
        var problems: [String] = []
        let stageIDs = Set(stages.map(\.id))
        for id in Self.duplicates(stages.map(\.id)) { problems.append("stage id '\(id)' appears more than once") }
        for id in Self.duplicates(exercises.map(\.id)) { problems.append("exercise id '\(id)' appears more than once") }
        for module in Self.duplicates(exercises.map(\.module)) { problems.append("module '\(module)' is used by more than one exercise") }
        for exercise in exercises {
            if exercise.id.isEmpty || exercise.id.contains(where: { $0.isWhitespace || $0 == "/" }) {
                problems.append("exercise id '\(exercise.id)' must be a non-empty word without spaces or slashes")
            }
            if !stageIDs.contains(exercise.stage) {
                problems.append("exercise '\(exercise.id)' names an unknown stage '\(exercise.stage)' (known: \(stages.map(\.id).joined(separator: ", ")))")
            }
            if exercise.module.isEmpty { problems.append("exercise '\(exercise.id)' has no module") }
            if exercise.files.isEmpty { problems.append("exercise '\(exercise.id)' lists no files to edit") }
            for path in exercise.files + [exercise.instructions] where path.hasPrefix("/") || path.split(separator: "/").contains("..") {
                problems.append("exercise '\(exercise.id)': path '\(path)' must be relative to Exercises/ and stay inside it")
            }
        }
        if !problems.isEmpty { throw CatalogError(problems.joined(separator: "; ")) }
    }

    /// Problems a manifest can have only with respect to the files on disk: missing files or
    /// instructions, and exercises without hints. Empty when all is well.
    public func problems(workspace: URL) -> [String] {
        var problems: [String] = []
        let files = FileManager.default
        for exercise in exercises {
            for path in exercise.files where !files.fileExists(atPath: workspace.appending(path: path).path) {
                problems.append("Exercise '\(exercise.id)' lists \(path), which does not exist in \(workspace.lastPathComponent)/.")
            }
            if !files.fileExists(atPath: workspace.appending(path: exercise.instructions).path) {
                problems.append("Exercise '\(exercise.id)' has no instructions at \(exercise.instructions).")
            }
            if exercise.hints.isEmpty {
                problems.append("Exercise '\(exercise.id)' has no hint; give at least one.")
            }
        }
        return problems
    }

    private static func duplicates(_ values: [String]) -> [String] {
        var seen: Set<String> = [], reported: [String] = []
        for value in values where !seen.insert(value).inserted && !reported.contains(value) {
            reported.append(value)
        }
        return reported
    }

    /// A decoding error as one sentence, with the line and column for syntax errors.
    private static func explain(_ error: any Error, in data: Data) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        }
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing field '\(key.stringValue)' at \(path(context.codingPath).isEmpty ? "the top level" : path(context.codingPath))"
        case DecodingError.typeMismatch(let type, let context), DecodingError.valueNotFound(let type, let context):
            return "field \(path(context.codingPath)) should be \(Self.describe(type))"
        case DecodingError.dataCorrupted(let context):
            let underlying = (context.underlyingError as? NSError)?.userInfo[NSDebugDescriptionErrorKey] as? String
            let index = ((context.underlyingError as? NSError)?.userInfo["NSJSONSerializationErrorIndex"] as? Int)
            if let index {
                let (line, column) = lineAndColumn(of: index, in: data)
                return "invalid JSON at line \(line), column \(column)\(underlying.map { ": \($0)" } ?? "")"
            }
            if let syntax = JSONSyntax.firstError(in: Array(data)) {
                let (line, column) = lineAndColumn(of: syntax.offset, in: data)
                return "invalid JSON at line \(line), column \(column): expected \(syntax.expected)"
            }
            return "invalid JSON: \(underlying ?? context.debugDescription)"
        default:
            return "\(error)"
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is [String].Type: "a list of strings"
        default: "a \(type)"
        }
    }

    static func lineAndColumn(of offset: Int, in data: Data) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for byte in data.prefix(offset) {
            if byte == 0x0A { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }
}

/// A manifest that cannot be used, in a sentence that can be shown as it is.
public struct CatalogError: Error, Sendable, Hashable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
