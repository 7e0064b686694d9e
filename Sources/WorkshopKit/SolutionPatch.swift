import Foundation

/// A small change to an exercise's solution, kept as a unified diff: a known wrong answer (a
/// mistake a learner makes, which the checks must reject) or an accepted alternative (another
/// correct answer, which they must accept).
///
/// ```
/// Mistake: a charge raises the balance instead of lowering it.
/// --- a/Sources/Facts/GuestStay.swift
/// +++ b/Sources/Facts/GuestStay.swift
/// @@ -20,3 +20,3 @@
///          case .chargeRecorded(let charge):
/// -            state.balance -= charge.amount
/// +            state.balance += charge.amount
/// ```
///
/// The lines before the first `---` say what it models. Paths are relative to the workspace
/// (`Solutions/`). A hunk is found by its text, not its line numbers, so edits elsewhere in the
/// solution do not break it; when its text is gone, `apply` says so.
public struct SolutionPatch: Sendable, Hashable {
    /// The file name without `.patch`: `charge-raises-balance`.
    public var name: String
    /// What the patch models, from the lines before the diff.
    public var summary: String
    public var hunks: [Hunk]

    public struct Hunk: Sendable, Hashable {
        public var file: String
        public var old: [String]
        public var new: [String]
    }

    /// A patch that cannot be read or no longer fits the solution, as a sentence.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    public init(name: String, text: String) throws {
        self.name = name
        var summaryLines: [String] = []
        var hunks: [Hunk] = []
        var file: String?
        var current: Hunk?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("--- ") {
                if let hunk = current { hunks.append(hunk) }
                current = nil
                continue
            }
            if line.hasPrefix("+++ ") {
                file = Self.path(String(line.dropFirst(4)))
                continue
            }
            if line.hasPrefix("@@") {
                if let hunk = current { hunks.append(hunk) }
                guard let file else { throw Problem(description: "\(name).patch has a hunk before any +++ line.") }
                current = Hunk(file: file, old: [], new: [])
                continue
            }
            guard var hunk = current else {
                if file == nil, !line.trimmingCharacters(in: .whitespaces).isEmpty { summaryLines.append(line) }
                continue
            }
            switch line.first {
            case " ": hunk.old.append(String(line.dropFirst())); hunk.new.append(String(line.dropFirst()))
            case "-": hunk.old.append(String(line.dropFirst()))
            case "+": hunk.new.append(String(line.dropFirst()))
            case nil: hunk.old.append(""); hunk.new.append("")
            default: break  // "\ No newline at end of file"
            }
            current = hunk
        }
        if let hunk = current { hunks.append(hunk) }
        // A trailing empty context line is only the file's final newline.
        self.hunks = hunks.map { hunk in
            var hunk = hunk
            while hunk.old.last == "", hunk.new.last == "" { hunk.old.removeLast(); hunk.new.removeLast() }
            return hunk
        }
        guard !self.hunks.isEmpty else { throw Problem(description: "\(name).patch has no changes.") }
        summary = summaryLines.joined(separator: " ")
        guard !summary.isEmpty else { throw Problem(description: "\(name).patch does not say what it models (a line before the diff).") }
    }

    /// Reads every `*.patch` in `folder`, sorted by name; none when the folder does not exist.
    public static func load(from folder: URL) throws -> [SolutionPatch] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return try names.filter { $0.hasSuffix(".patch") }.sorted().map { file in
            try SolutionPatch(name: String(file.dropLast(".patch".count)),
                              text: String(contentsOf: folder.appending(path: file), encoding: .utf8))
        }
    }

    /// `files` (relative path to contents) with every hunk applied.
    public func apply(to files: [String: String]) throws -> [String: String] {
        var result = files
        for hunk in hunks {
            guard let text = result[hunk.file] else {
                throw Problem(description: "\(name).patch changes \(hunk.file), which the solution does not have.")
            }
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard let start = Self.find(hunk.old, in: lines) else {
                throw Problem(description: "\(name).patch no longer applies to \(hunk.file): the solution changed near \"\(hunk.old.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? "")\".")
            }
            lines.replaceSubrange(start..<(start + hunk.old.count), with: hunk.new)
            result[hunk.file] = lines.joined(separator: "\n")
        }
        return result
    }

    private static func find(_ block: [String], in lines: [String]) -> Int? {
        guard !block.isEmpty, block.count <= lines.count else { return block.isEmpty ? 0 : nil }
        return (0...(lines.count - block.count)).first { start in
            lines[start..<(start + block.count)].elementsEqual(block)
        }
    }

    private static func path(_ header: String) -> String {
        let path = header.split(separator: "\t").first.map(String.init) ?? header
        return path.hasPrefix("b/") || path.hasPrefix("a/") ? String(path.dropFirst(2)) : path
    }
}
