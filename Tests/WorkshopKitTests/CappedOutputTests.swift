import Foundation
import Testing
@testable import WorkshopKit

struct CappedOutputTests {
    @Test func smallOutputIsKeptWhole() {
        var output = CappedOutput(limit: 100)
        output.append(Data("hello\n".utf8))
        output.append(Data("world\n".utf8))
        #expect(output.text == "hello\nworld\n")
        #expect(output.droppedBytes == 0)
    }

    @Test func aFloodKeepsHeadAndTailAndCountsTheRest() {
        var output = CappedOutput(limit: 40)
        for line in 0..<100 { output.append(Data("line \(line)\n".utf8)) }
        let total = (0..<100).map { "line \($0)\n".utf8.count }.reduce(0, +)
        #expect(output.droppedBytes == total - 40)
        #expect(output.text.hasPrefix("line 0\nline 1\n"))
        #expect(output.text.hasSuffix("line 98\nline 99\n"))
        #expect(output.text.contains("[\(total - 40) bytes of output dropped]"))
    }
}

struct WorkspaceCopyTests {
    @Test func relativePackagePathsBecomeAbsolute() {
        let text = #"let a = Package.Dependency.package(path: "../..")\n.package(path: "/abs/x"), .package(url: "https://x", exact: "1.0.0")"#
        let rewritten = WorkspaceCopy.rewritingPackagePaths(text, base: URL(filePath: "/work/main/Tests/Exercises"))
        #expect(rewritten == #"let a = Package.Dependency.package(path: "/work/main")\n.package(path: "/abs/x"), .package(url: "https://x", exact: "1.0.0")"#)
    }
}

struct CheckOutcomeTests {
    @Test func theJSONHasEveryPromisedFieldAndRoundTrips() throws {
        let outcome = CheckOutcome(
            exercise: "tally", workspace: .exercises, status: .failed,
            tests: [.init(name: "a", passed: true), .init(name: "b", passed: false, message: "expected 2, got 0")],
            diagnostics: [Diagnostic(file: "Exercises/Sources/T.swift", line: 1, column: 2, severity: .warning, message: "m", sourceLine: "x")],
            seconds: 1.5, output: "out")
        let data = try CheckOutcome.encoder.encode(outcome)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(json.keys).isSuperset(of: ["exercise", "status", "tests", "diagnostics", "trace", "seconds", "output"]))
        let tests = try #require(json["tests"] as? [[String: Any]])
        #expect(tests.first?.keys.sorted() == ["message", "name", "passed"])
        let diagnostic = try #require((json["diagnostics"] as? [[String: Any]])?.first)
        #expect(diagnostic.keys.sorted() == ["column", "file", "line", "message", "severity", "source_line"])
        #expect(try CheckOutcome.decoder.decode(CheckOutcome.self, from: data) == outcome)
    }
}
