import Foundation

/// A compiler message about a place in the learner's code.
public struct Diagnostic: Codable, Sendable, Hashable {
    public enum Severity: String, Codable, Sendable, Hashable {
        case error, warning
    }

    /// The file, relative to the project root when it is inside it.
    public var file: String
    public var line: Int
    public var column: Int
    public var severity: Severity
    public var message: String
    /// The offending line of source, when the file could be read.
    public var sourceLine: String?

    public init(file: String, line: Int, column: Int, severity: Severity, message: String, sourceLine: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
        self.sourceLine = sourceLine
    }

    enum CodingKeys: String, CodingKey {
        case file, line, column, severity, message
        case sourceLine = "source_line"
    }

    /// Every `path:line:col: error|warning: message` line of a compiler's output, in order and
    /// without repeats (SwiftPM may print one diagnostic more than once), with paths made
    /// relative to `paths.root` and the source line read from disk.
    public static func parse(_ output: String, paths: ProjectPaths?) -> [Diagnostic] {
        var seen: Set<Diagnostic> = []
        var diagnostics: [Diagnostic] = []
        var sources: [String: [Substring]] = [:]
        for rawLine in output.split(separator: "\n", omittingEmptySubsequences: true) {
            guard var diagnostic = parseLine(rawLine) else { continue }
            let absolute = diagnostic.file
            if let paths { diagnostic.file = paths.relative(URL(filePath: absolute)) }
            guard seen.insert(diagnostic).inserted else { continue }
            if sources[absolute] == nil {
                let text = (try? String(contentsOfFile: absolute, encoding: .utf8)) ?? ""
                sources[absolute] = text.split(separator: "\n", omittingEmptySubsequences: false)
            }
            if let lines = sources[absolute], diagnostic.line >= 1, diagnostic.line <= lines.count {
                diagnostic.sourceLine = String(lines[diagnostic.line - 1])
            }
            diagnostics.append(diagnostic)
        }
        return diagnostics
    }

    /// One line, `path:line:col: severity: message`, or nil when it is anything else.
    static func parseLine(_ line: Substring) -> Diagnostic? {
        let line = line.hasSuffix("\r") ? line.dropLast() : line
        for severity in [Severity.error, .warning] {
            guard let marker = line.range(of: ": \(severity.rawValue): ") else { continue }
            let location = line[..<marker.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
            guard location.count >= 3,
                  let column = Int(location[location.count - 1]),
                  let number = Int(location[location.count - 2]) else { continue }
            let file = location.dropLast(2).joined(separator: ":")
            guard !file.isEmpty, !file.contains(" |") else { continue }
            return Diagnostic(file: file, line: number, column: column, severity: severity,
                              message: String(line[marker.upperBound...]))
        }
        return nil
    }
}
