import Foundation
import Testing

/// Compares a screen with its snapshot, kept as a string literal beside the test.
///
/// With `SNAPSHOTS=record` a mismatch writes the actual screen to
/// `$TMPDIR/WorkshopAppSnapshots/<name>.txt` for pasting over the literal. Literals rather
/// than resource files keep the package free of unhandled files.
func expectSnapshot(_ actual: String, _ expected: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let trimmed = actual.split(separator: "\n", omittingEmptySubsequences: false)
        .map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
        .joined(separator: "\n")
    guard trimmed != expected else { return }
    if ProcessInfo.processInfo.environment["SNAPSHOTS"] == "record" {
        let folder = FileManager.default.temporaryDirectory.appending(path: "WorkshopAppSnapshots")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try? trimmed.write(to: folder.appending(path: "\(name).txt"), atomically: true, encoding: .utf8)
    }
    Issue.record("Snapshot \(name) differs. Actual:\n\(trimmed)", sourceLocation: sourceLocation)
}
