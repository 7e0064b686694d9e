import Foundation
import Testing
@testable import WorkshopKit

struct DiagnosticTests {
    static let recorded = Fixture.source.deletingLastPathComponent().appending(path: "CompilerOutput/broken.txt")

    @Test func recordedCompilerOutputYieldsOneErrorWithAPathRelativeToTheRoot() throws {
        let output = try String(contentsOf: Self.recorded, encoding: .utf8)
        let diagnostics = Diagnostic.parse(output, paths: ProjectPaths(root: URL(filePath: "/FIXTURE")))
        #expect(diagnostics == [Diagnostic(
            file: "Exercises/Sources/Broken/Broken.swift", line: 3, column: 21, severity: .error,
            message: "cannot convert value of type 'String' to specified type 'Int'")])
    }

    @Test func theSourceLineIsReadFromTheFile() throws {
        let paths = Fixture.shared
        let file = paths.exercises.appending(path: "Sources/Broken/Broken.swift").path
        let diagnostics = Diagnostic.parse("\(file):3:21: error: cannot convert\n", paths: paths)
        #expect(diagnostics.first?.file == "Exercises/Sources/Broken/Broken.swift")
        #expect(diagnostics.first?.sourceLine == "    let rate: Int = \"12000\"")
    }

    @Test(arguments: [
        ("/a/b.swift:10:2: warning: var never mutated", Diagnostic(file: "/a/b.swift", line: 10, column: 2, severity: .warning, message: "var never mutated")),
        ("C:/x.swift:1:1: error: oops", Diagnostic(file: "C:/x.swift", line: 1, column: 1, severity: .error, message: "oops")),
    ])
    func linesOfTheCompilersFormatAreParsed(line: String, expected: Diagnostic) {
        #expect(Diagnostic.parseLine(line[...]) == expected)
    }

    @Test(arguments: [
        "  |                     `- error: cannot convert value",
        "error: emit-module command failed with exit code 1 (use -v to see invocation)",
        "[5/9] Compiling Broken Broken.swift",
        "note: something",
    ])
    func otherLinesAreIgnored(line: String) {
        #expect(Diagnostic.parseLine(line[...]) == nil)
    }
}
