import CheckReport
import Foundation
import Testing
@testable import WorkshopKit

/// The direct build (SwiftPM's planned compiler and linker jobs, without SwiftPM) on the
/// fixture: it gives SwiftPM's answers, and falls back to SwiftPM whenever anything but the
/// learner's code changed. Part of `RunnerTests`, so that it shares (and serializes with) its
/// build folder; every test puts the files it changes back.
extension RunnerTests {
    private var tallyFile: URL { Fixture.shared.exercises.appending(path: "Sources/Tally/Tally.swift") }

    /// The exercise as shipped, checked once so that a plan exists.
    private func builtTally() async throws -> Exercise {
        let tally = try catalog.exercise(id: "tally")
        try restoreFixture()
        let first = try await Fixture.runner().check(tally)
        #expect(first.status == .failed)
        return tally
    }

    private func restoreFixture() throws {
        var wanted = try WorkspaceCopy.files(in: Fixture.source.appending(path: "Exercises"))
        if let manifest = wanted["Package.swift"] {
            wanted["Package.swift"] = Data(WorkspaceCopy.rewritingPackagePaths(String(decoding: manifest, as: UTF8.self), base: Fixture.source.appending(path: "Exercises")).utf8)
        }
        try WorkspaceCopy.mirror(wanted, into: Fixture.shared.exercises)
    }

    private func save(_ text: String, to file: URL) throws {
        try text.write(to: file, atomically: true, encoding: .utf8)
    }

    /// After the fallback, SwiftPM's build recorded a new plan: the next save is direct again.
    private func expectDirectAgain(_ exercise: Exercise) async throws {
        try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: tallyFile.path)
        let again = try await Fixture.runner().check(exercise)
        #expect(again.build == .direct, "still falling back: \(again.fallback ?? "")")
    }

    @Test func aSavedSolutionIsBuiltDirectlyWithSwiftPMsAnswer() async throws {
        let tally = try await builtTally()
        defer { try? restoreFixture() }
        try save("public func tally(_ events: [String]) -> Int {\n    events.count\n}\n", to: tallyFile)
        let runner = Fixture.runner()
        let (outcome, disagreement) = try await runner.checkComparingBuilds(
            tally, package: Fixture.shared.exercises, scratch: runner.scratch(for: .exercises), workspace: .exercises)
        #expect(disagreement == nil)
        #expect(outcome.status == .passed)
        #expect(outcome.build == .swiftPM)
    }

    @Test func aCompileErrorComesFromTheDirectBuildWithSwiftPMsDiagnostics() async throws {
        let tally = try await builtTally()
        defer { try? restoreFixture() }
        try save("public func tally(_ events: [String]) -> Int {\n    let count: String = events.count\n    return count\n}\n", to: tallyFile)
        let direct = try await Fixture.runner().check(tally)
        #expect(direct.build == .direct)
        #expect(direct.status == .compileError)
        #expect(direct.diagnostics.filter { $0.severity == .error }.map { "\($0.file):\($0.line):\($0.column)" }
            == ["Exercises/Sources/Tally/Tally.swift:2:32", "Exercises/Sources/Tally/Tally.swift:3:12"])
        let runner = Fixture.runner()
        let (outcome, disagreement) = try await runner.checkComparingBuilds(
            tally, package: Fixture.shared.exercises, scratch: runner.scratch(for: .exercises), workspace: .exercises)
        #expect(disagreement == nil)
        #expect(outcome.status == .compileError)
    }

    @Test func aChangedPackageManifestFallsBackToSwiftPM() async throws {
        let tally = try await builtTally()
        defer { try? restoreFixture() }
        let manifest = Fixture.shared.exercises.appending(path: "Package.swift")
        try save(try String(contentsOf: manifest, encoding: .utf8) + "\n// a trainer's edit\n", to: manifest)
        let outcome = try await Fixture.runner().check(tally)
        #expect(outcome.build == .swiftPM)
        #expect(outcome.fallback?.hasSuffix("Exercises/Package.swift changed") == true)
        #expect(outcome.status == .failed)
        try await expectDirectAgain(tally)
    }

    @Test func anAddedAndARemovedFileFallBackToSwiftPM() async throws {
        let tally = try await builtTally()
        defer { try? restoreFixture() }
        let extra = tallyFile.deletingLastPathComponent().appending(path: "Counting.swift")
        try save("func countAll(_ events: [String]) -> Int { events.count }\n", to: extra)
        try save("public func tally(_ events: [String]) -> Int {\n    countAll(events)\n}\n", to: tallyFile)
        let added = try await Fixture.runner().check(tally)
        #expect(added.build == .swiftPM)
        #expect(added.fallback == "files were added to or removed from Tally")
        #expect(added.status == .passed)

        try FileManager.default.removeItem(at: extra)
        let removed = try await Fixture.runner().check(tally)
        #expect(removed.build == .swiftPM)
        #expect(removed.fallback == "files were added to or removed from Tally")
        #expect(removed.status == .compileError)
        #expect(removed.diagnostics.first?.message.contains("countAll") == true)
    }

    @Test func aRebuiltDependencyFallsBackToSwiftPM() async throws {
        let tally = try await builtTally()
        defer { try? restoreFixture() }
        let runner = Fixture.runner()
        let library = runner.scratch(for: .exercises).appending(path: "debug/Modules/EventSourcingTesting.swiftmodule")
        try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: library.path)
        let outcome = try await runner.check(tally)
        #expect(outcome.build == .swiftPM)
        #expect(outcome.fallback?.hasSuffix("EventSourcingTesting.swiftmodule changed") == true)
        #expect(outcome.status == .failed)
        try await expectDirectAgain(tally)
    }

    @Test func anotherToolchainFallsBackToSwiftPM() async throws {
        let tally = try await builtTally()
        defer { try? restoreFixture() }
        // Another `swift` on PATH, as after installing a new toolchain.
        let folder = FileManager.default.temporaryDirectory.appending(path: "toolchain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let swift = folder.appending(path: "swift")
        let real = try #require(ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":")
            .map { "\($0)/swift" }.first { FileManager.default.isExecutableFile(atPath: $0) })
        try save("#!/bin/sh\nexec '\(real)' \"$@\"\n", to: swift)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: swift.path)
        var configuration = Fixture.runner().configuration
        configuration.swift = swift.path
        let outcome = try await Runner(paths: Fixture.shared, configuration: configuration).check(tally)
        #expect(outcome.build == .swiftPM)
        #expect(outcome.fallback?.hasPrefix("the Swift toolchain changed") == true)
        #expect(outcome.status == .failed)
    }

    @Test func aDirectBuildFailingOutsideTheLearnersCodeFallsBackToSwiftPM() async throws {
        let tally = try await builtTally()
        defer { try? restoreFixture() }
        // A file of SwiftPM's own is missing (the module's debugger wrapper, which only SwiftPM
        // writes): the compile succeeds, the link fails, SwiftPM writes it again.
        let runner = Fixture.runner()
        try FileManager.default.removeItem(at: runner.scratch(for: .exercises).appending(path: "debug/Tally.build/Tally.swiftmodule.o"))
        try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: tallyFile.path)
        let outcome = try await runner.check(tally)
        #expect(outcome.build == .swiftPM)
        #expect(outcome.fallback?.hasPrefix("the link failed: ") == true)
        #expect(outcome.status == .failed)
        try await expectDirectAgain(tally)
    }
}

@Suite struct DirectBuildPartsTests {
    @Test(arguments: [
        (#"/opt/swift/bin/swift-frontend -c /a/b.swift"#, ["/opt/swift/bin/swift-frontend", "-c", "/a/b.swift"]),
        (#"/x/clang '-rpath=$ORIGIN' '/My Projects/a.o'"#, ["/x/clang", "-rpath=$ORIGIN", "/My Projects/a.o"]),
        (#" "/usr/bin/ld.gold" "-o" "/p/with \"quote\"/x""#, ["/usr/bin/ld.gold", "-o", "/p/with \"quote\"/x"]),
        (#"/bin/a\ b c"#, ["/bin/a b", "c"]),
    ])
    func jobLinesSplitLikeAShell(line: String, words: [String]) {
        #expect(ShellWords.split(line[...]) == words)
    }

    @Test func buildsAgreeUpToMadeUpIdsAndTimesButNotOnAnythingElse() {
        func outcome(_ message: String, build: BuildPath) -> CheckOutcome {
            CheckOutcome(exercise: "inbound", workspace: .exercises, status: .failed,
                         tests: [CheckResult(name: "translates", passed: false, message: message)], build: build)
        }
        let swiftPM = outcome("actual ReserveRoom(id: \"533BA0A1-B858-4F0D-8598-0F202110BC89\", arrival: 2026-12-03 21:16:38 +0000)", build: .swiftPM)
        let same = outcome("actual ReserveRoom(id: \"E368F5AF-5FD8-4A17-A008-1FB2FA7EC0FD\", arrival: 2026-12-03 21:16:39 +0000)", build: .direct)
        let other = outcome("actual ReserveRoom(id: \"E368F5AF-5FD8-4A17-A008-1FB2FA7EC0FD\", arrival: 2026-12-03 21:16:39 +0000, nights: 2)", build: .direct)
        #expect(BuildComparison.difference(swiftPM: swiftPM, direct: same, learnerFiles: []) == nil)
        #expect(BuildComparison.difference(swiftPM: swiftPM, direct: other, learnerFiles: []) == "the checks' results differ")
    }

    @Test func anUnbalancedQuoteIsNotAJob() {
        #expect(ShellWords.split("/bin/a 'b"[...]) == nil)
    }

    @Test func theManifestsClosureFollowsProducersAndVirtualNodes() throws {
        let file = FileManager.default.temporaryDirectory.appending(path: "manifest-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: file) }
        try """
            client:
              name: basic
            commands:
              "C.App-x86_64-unknown-linux-gnu-debug.exe":
                tool: shell
                inputs: ["/b/App.o","<Lib-module>"]
                outputs: ["/b/App"]
                args: ["/bin/swiftc","-o","/b/App"]

              "<Lib-module>":
                tool: phony
                inputs: ["/b/Lib.o"]
                outputs: ["<Lib-module>"]

              "C.Lib-x86_64-unknown-linux-gnu-debug.module":
                tool: shell
                inputs: ["/s/Lib.swift"]
                outputs: ["/b/Lib.o"]
                args: ["/bin/swiftc","-c"]

            """.write(to: file, atomically: true, encoding: .utf8)
        let manifest = try BuildManifest(contentsOf: file)
        let link = try #require(manifest.command(target: "App", kind: "exe"))
        #expect(link.arguments == ["/bin/swiftc", "-o", "/b/App"])
        let (produced, leaves) = manifest.closure(of: link)
        #expect(produced == ["/b/Lib.o"])
        #expect(leaves == ["/b/App.o", "/s/Lib.swift"])
    }
}
