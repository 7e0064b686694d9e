import Foundation
import Testing

/// The built `workshop` binary against a copy of the fixture workspace: exit statuses, JSON
/// shapes, and the one-line reasons on stderr.
@Suite(.serialized)
struct CLITests {
    static let repositoryRoot = FixtureProject.repositoryRoot
    static let fixture = FixtureProject.workspace
    /// `swift test` builds `workshop` next to the test bundle.
    static let binary = URL(filePath: CommandLine.arguments[0]).deletingLastPathComponent().appending(path: "workshop")

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String

        func json() throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
        }
    }

    /// A fresh copy of the fixture project, its package path made absolute.
    static func project(at root: URL = FileManager.default.temporaryDirectory.appending(path: "workshop-cli-\(UUID().uuidString)")) throws -> URL {
        try FixtureProject.copy(to: root)
    }

    /// One copy for the tests that build: they share its builds and its Package.resolved. It
    /// has a fixed place because a SwiftPM build folder may reuse its plan for a moved package.
    static let shared: URL = {
        do { return try project(at: repositoryRoot.appending(path: ".build-fixtures/cli-project")) } catch { fatalError("cannot copy the fixture: \(error)") }
    }()

    static func run(_ arguments: [String], in directory: URL, environment extra: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["WORKSHOP_ROOT"] = nil
        environment["NO_COLOR"] = "1"
        // Builds shared by every copy of the fixture, so each exercise builds its libraries once.
        environment["WORKSHOP_SCRATCH"] = repositoryRoot.appending(path: ".build-fixtures/cli").path
        environment["WORKSHOP_PRISTINE"] = fixture.appending(path: "Exercises").path
        process.environment = environment.merging(extra) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test func listPrintsEveryExerciseAsJSON() throws {
        let root = try Self.project()
        let run = try Self.run(["list", "--json"], in: root.appending(path: "Exercises/Sources"))
        #expect(run.status == 0)
        let exercises = try #require(try run.json()["exercises"] as? [[String: Any]])
        #expect(exercises.map { $0["id"] as? String } == ["tally", "broken", "crashing", "hanging", "flooding"])
        let tally = try #require(exercises.first)
        #expect(tally["stage"] as? String == "basics")
        #expect(tally["title"] as? String == "Count the events")
        #expect(tally["status"] as? String == "pending")
        #expect(tally["files"] as? [String] == ["Exercises/Sources/Tally/Tally.swift"])
        #expect(tally["instructions"] as? String == "Exercises/Instructions/tally.md")
        #expect(tally["full_size_run"] as? String == "Your tally over the sample store, a page at a time.")
        #expect(exercises[1]["full_size_run"] == nil)
    }

    @Test func aFailingCheckExitsOneWithItsTestsAndIsRememberedInTheList() throws {
        let root = Self.shared
        let run = try Self.run(["check", "tally", "--json"], in: root)
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("Checking tally…"))
        let json = try run.json()
        #expect(json["exercise"] as? String == "tally")
        #expect(json["status"] as? String == "failed")
        let tests = try #require(json["tests"] as? [[String: Any]])
        #expect(tests.count == 2)
        #expect(tests.last?["name"] as? String == "two events count two")
        #expect(tests.last?["passed"] as? Bool == false)
        #expect(tests.last?["message"] as? String == "expected 2, got 0")
        #expect((json["diagnostics"] as? [Any])?.isEmpty == true)
        #expect((json["trace"] as? [Any])?.count == 2)
        #expect(json["seconds"] as? Double != nil)

        let list = try Self.run(["list", "--json"], in: root)
        let exercises = try #require(try list.json()["exercises"] as? [[String: Any]])
        #expect(exercises.first?["status"] as? String == "failed")
    }

    @Test func theSolutionPassesWithExitZero() throws {
        let root = Self.shared
        let run = try Self.run(["check", "tally", "--solution"], in: root)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("✓ two events count two"))
        #expect(run.stdout.contains("tally: passed (2/2 checks)"))
    }

    @Test func aCompileErrorShowsTheFileLineAndSource() throws {
        let root = Self.shared
        let run = try Self.run(["check", "broken", "--json"], in: root)
        #expect(run.status == 1)
        let json = try run.json()
        #expect(json["status"] as? String == "compile_error")
        let diagnostic = try #require((json["diagnostics"] as? [[String: Any]])?.first)
        #expect(diagnostic["file"] as? String == "Exercises/Sources/Broken/Broken.swift")
        #expect(diagnostic["line"] as? Int == 3)
        #expect(diagnostic["severity"] as? String == "error")
        #expect(diagnostic["source_line"] as? String == "    let rate: Int = \"12000\"")
    }

    @Test func anUnknownIdExitsTwoAndSuggestsTheNearest() throws {
        let root = try Self.project()
        let run = try Self.run(["check", "taly"], in: root)
        #expect(run.status == 2)
        #expect(run.stderr == "workshop: no exercise with id 'taly'. Did you mean 'tally'?\n")
        #expect(run.stdout.isEmpty)
    }

    @Test(arguments: [["check"], ["list", "--frobnicate"], ["reset", "tally", "--all"], ["hint", "tally", "--level", "9"]])
    func badUsageExitsTwoWithOneLine(arguments: [String]) throws {
        let root = try Self.project()
        let run = try Self.run(arguments, in: root)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("workshop: "))
        #expect(run.stderr.split(separator: "\n").count == 1)
    }

    @Test func outsideAProjectItSaysWhereItLooked() throws {
        let empty = FileManager.default.temporaryDirectory.appending(path: "workshop-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let run = try Self.run(["list"], in: empty)
        #expect(run.status == 2)
        #expect(run.stderr.contains("No workshop project here"))
    }

    @Test func hintsAreRevealedOneAtATime() throws {
        let root = try Self.project()
        let first = try Self.run(["hint", "tally"], in: root)
        #expect(first.status == 0)
        #expect(first.stdout.contains("Hint 1/2: Count every event."))
        #expect(!first.stdout.contains("Hint 2/2"))
        let second = try Self.run(["hint", "tally"], in: root)
        #expect(second.stdout.contains("Hint 2/2: Return events.count."))
        let list = try Self.run(["list", "--json"], in: root)
        let exercises = try #require(try list.json()["exercises"] as? [[String: Any]])
        #expect(exercises.first?["hints_revealed"] as? Int == 2)
    }

    @Test func resetRefusesWithoutATerminalAndRestoresWithYes() throws {
        let root = try Self.project()
        let file = root.appending(path: "Exercises/Sources/Tally/Tally.swift")
        let original = try String(contentsOf: file, encoding: .utf8)
        try "public func tally(_ events: [String]) -> Int { events.count }\n".write(to: file, atomically: true, encoding: .utf8)

        let refused = try Self.run(["reset", "tally"], in: root)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--yes"))
        #expect(try String(contentsOf: file, encoding: .utf8) != original)

        let reset = try Self.run(["reset", "tally", "--yes"], in: root)
        #expect(reset.status == 0, "\(reset.stderr)")
        #expect(try String(contentsOf: file, encoding: .utf8) == original)
        let all = try Self.run(["reset", "--all", "--yes"], in: root)
        #expect(all.status == 0)
        #expect(all.stdout.split(separator: "\n").count == 5)
    }

    @Test func verifyPassesOnTheFixtureWorkspace() throws {
        let root = Self.shared
        // The learner solved tally: verify checks the pristine copy, not the learner's file.
        let tally = root.appending(path: "Exercises/Sources/Tally/Tally.swift")
        let attempt = try String(contentsOf: tally, encoding: .utf8)
        try String(contentsOf: root.appending(path: "Solutions/Sources/Tally/Tally.swift"), encoding: .utf8)
            .write(to: tally, atomically: true, encoding: .utf8)
        defer { try? attempt.write(to: tally, atomically: true, encoding: .utf8) }
        let run = try Self.run(["verify", "--json", "--run-timeout", "3"], in: root)
        #expect(run.status == 0, "\(run.stdout)")
        let json = try run.json()
        #expect(json["ok"] as? Bool == true)
        #expect((json["problems"] as? [String])?.isEmpty == true)
        let entries = try #require(json["exercises"] as? [[String: Any]])
        #expect(entries.map { $0["solution"] as? String } == Array(repeating: "passed", count: 5))
        #expect(entries.map { $0["pristine"] as? String } == ["failed", "compile_error", "crashed", "timed_out", "failed"])
        // tally has a full-size run: verified on a small seeded store, the solution's passes.
        #expect(entries.first?["full_size_solution"] as? String == "passed")
        #expect(entries.first?["full_size_pristine"] as? String == "failed")
        #expect(entries.dropFirst().allSatisfy { $0["full_size_solution"] == nil })
        // tally ships one wrong answer (rejected by a named check) and one alternative (accepted).
        #expect(json["mutants"] as? [String: Int] == ["total": 1, "rejected": 1])
        #expect(json["alternatives"] as? [String: Int] == ["total": 1, "accepted": 1])
        let trials = try #require(json["trials"] as? [[String: Any]])
        let wrong = trials.first { $0["kind"] as? String == "wrong_answer" }
        #expect(wrong?["failed_check"] as? String == "an empty stream counts zero")
        #expect(trials.first { $0["kind"] as? String == "alternative" }?["ok"] as? Bool == true)
    }

    // MARK: workshop sample

    @Test func sampleRunsTheCodeOnTheSeededStoreWithItsStepsOnStderr() throws {
        let root = Self.shared
        let store = root.appending(path: ".workshop/sample.sqlite")
        try FileManager.default.createDirectory(at: store.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(repeating: 1, count: 40 * 1_024).write(to: store)
        defer { try? FileManager.default.removeItem(at: store) }

        let solved = try Self.run(["sample", "tally", "--solution", "--json"], in: root)
        #expect(solved.status == 0, "\(solved.stderr)")
        let json = try solved.json()
        #expect(json["kind"] as? String == "full_size")
        #expect(json["status"] as? String == "passed")
        #expect((json["trace"] as? [[String: Any]])?.count == 4)
        #expect(solved.stderr.contains("Full-size run of tally (solution): Your tally over the sample store"))
        #expect(solved.stderr.contains("· counted 40 of 40 pages"))

        let untouched = try Self.run(["sample", "tally"], in: root)
        #expect(untouched.status == 1)
        #expect(untouched.stdout.contains("expected 40, got 0"))
    }

    @Test func seedingAgainDropsTheColdStoreOfTheOldHistory() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(at: root) }
        let seeded = try Self.run(["seed", "--events", "3000", "--json"], in: root)
        #expect(seeded.status == 0, "\(seeded.stderr)")
        #expect(try seeded.json()["events"] as? Int == 3_000)
        let archived = try Self.run(["archive", "--older-than", "5", "--json"], in: root)
        #expect(archived.status == 0, "\(archived.stderr)")
        let cold = root.appending(path: ".workshop/cold.sqlite")
        #expect(FileManager.default.fileExists(atPath: cold.path))
        // Its streams came from the store being replaced: archiving the new history into it
        // would be refused, so it goes with the old history.
        #expect(try Self.run(["seed", "--events", "2000"], in: root).status == 0)
        #expect(!FileManager.default.fileExists(atPath: cold.path))
    }

    @Test func sampleWithoutASeededStoreOrARunExitsTwoSayingWhatToDo() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(at: root) }
        let unseeded = try Self.run(["sample", "tally"], in: root)
        #expect(unseeded.status == 2)
        #expect(unseeded.stderr.contains("There is no sample store at .workshop/sample.sqlite yet: run `workshop seed` first."))
        let without = try Self.run(["sample", "broken"], in: root)
        #expect(without.status == 2)
        #expect(without.stderr.contains("broken has no full-size run; these do: tally."))
    }
}
