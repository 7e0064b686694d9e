import Foundation
import Testing

/// The real `workshop` binary in tmux: the first exercise on screen, a save that makes it pass,
/// help, a resize below the minimum and back, and a terminal left sane on quit.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed (CI installs it): skipping the TUI end-to-end tests"))
struct TUITests {
    static let repositoryRoot = FixtureProject.repositoryRoot
    static let fixture = FixtureProject.workspace
    /// `swift test` builds `workshop` next to the test bundle.
    static let binary = URL(filePath: CommandLine.arguments[0]).deletingLastPathComponent().appending(path: "workshop")

    /// A fresh copy of the fixture project, its package path made absolute.
    static func project() throws -> URL {
        try FixtureProject.copy(to: FileManager.default.temporaryDirectory.appending(path: "workshop-tui-\(UUID().uuidString)"))
    }

    /// The shell line that runs the TUI, then reports its exit status and the terminal modes,
    /// ends with `modes-reported` (wait for that, not for `exit=`: the modes come after it),
    /// and stays open so the test can read them.
    static func command(root: URL, arguments: String = "", term: String = "xterm-256color") -> String {
        let environment = [
            "WORKSHOP_ROOT=\(root.path)",
            // Builds shared by every copy of the fixture, so each exercise builds its libraries once.
            "WORKSHOP_SCRATCH=\(repositoryRoot.appending(path: ".build-fixtures/tui").path)",
            "WORKSHOP_PRISTINE=\(fixture.appending(path: "Exercises").path)",
            "TERM=\(term)", "EDITOR=true", "VISUAL=",
        ].joined(separator: " ")
        return "env \(environment) '\(binary.path)' \(arguments); echo \"exit=$?\"; stty -a | tr ' ;' '\\n\\n' | grep -E '^-?(icanon|echo)$'; echo modes-reported; sleep 120"
    }

    @Test func aTerminalThatCannotMoveTheCursorGetsOneLineNamingItAndExitTwo() async throws {
        let root = try Self.project()
        let session = try TmuxSession(command: Self.command(root: root, term: "dumb"), width: 200, height: 20)
        defer { session.kill() }
        let screen = await session.waitFor("modes-reported")
        let said = screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.prefix { !$0.hasPrefix("exit=") }
        #expect(said.count == 1, "one line, got \(said)")
        #expect(said.first?.contains("TERM=dumb") == true)
        #expect(said.first?.contains("workshop watch ID") == true)
        #expect(screen.contains("exit=2"))
        // Nothing was drawn and nothing recorded: the app never started.
        #expect(!FileManager.default.fileExists(atPath: root.appending(path: ".workshop/progress.sqlite").path))
    }

    @Test func theFirstExercisePassesOnceTheSolutionIsSavedOverIt() async throws {
        let root = try Self.project()
        let session = try TmuxSession(command: Self.command(root: root), width: 120, height: 40)
        defer { session.kill() }

        let first = await session.waitFor("1 Instructions")
        #expect(first.contains("Count the events"))
        for pane in ["2 Tests", "3 Streams", "4 Read models"] { #expect(first.contains(pane)) }
        #expect(first.contains("? help"))

        // The untouched exercise fails (the first build of the fixture's libraries can be slow).
        await session.waitFor("the check to fail", timeout: 600) { $0.contains("✘ failed") }

        let exercise = root.appending(path: "Exercises/Sources/Tally/Tally.swift")
        try FileManager.default.removeItem(at: exercise)
        try FileManager.default.copyItem(at: root.appending(path: "Solutions/Sources/Tally/Tally.swift"), to: exercise)
        let passed = await session.waitFor("the check to pass after the save", timeout: 300) { $0.contains("✔ passed") }
        #expect(passed.contains("Passed!"))

        try session.send("?")
        let help = await session.waitFor("run against the solution")
        #expect(help.contains("Keys"))
        try session.send("Escape")
        await session.waitFor("help to close") { !$0.contains("run against the solution") }

        try session.resize(width: 50, height: 15)
        await session.waitFor("Terminal too small")
        try session.resize(width: 120, height: 40)
        await session.waitFor("the panes again") { $0.contains("1 Instructions") && !$0.contains("Terminal too small") }

        try session.send("q")
        let after = await session.waitFor("modes-reported")
        #expect(after.contains("exit=0"))
        #expect(after.contains("\nicanon") || after.hasPrefix("icanon"))
        #expect(after.contains("\necho"))
        #expect(!after.contains("-icanon"))
        #expect(!after.contains("-echo\n"))
    }

    @Test func ctrlCQuitsAndNotATerminalNamesTheSubcommands() async throws {
        let root = try Self.project()
        let session = try TmuxSession(command: Self.command(root: root, arguments: "--ascii --no-color"), width: 100, height: 30)
        defer { session.kill() }
        let screen = await session.waitFor("1 Instructions")
        #expect(!screen.contains("┌"))
        try session.send("C-c")
        let after = await session.waitFor("modes-reported")
        #expect(after.contains("exit=0"))
        #expect(!after.contains("-icanon"))

        let piped = try TmuxSession(
            command: "env WORKSHOP_ROOT='\(root.path)' '\(Self.binary.path)' < /dev/null > '\(root.path)/out.txt' 2>&1; echo \"status=$?\"; cat '\(root.path)/out.txt'; sleep 60",
            width: 120, height: 20)
        defer { piped.kill() }
        let message = await piped.waitFor("status=")
        #expect(message.contains("needs a terminal"))
        #expect(message.contains("workshop check ID"))
        #expect(message.contains("status=2"))
    }

    @Test func pRunsTheFullSizeRunWithItsGaugeAndSteps() async throws {
        let root = try Self.project()
        // A "sample store" of 400 KiB: the fixture's full-size run counts its pages with tally.
        try FileManager.default.createDirectory(at: root.appending(path: ".workshop"), withIntermediateDirectories: true)
        try Data(repeating: 3, count: 400 * 1_024).write(to: root.appending(path: ".workshop/sample.sqlite"))
        let session = try TmuxSession(command: Self.command(root: root), width: 120, height: 40)
        defer { session.kill() }
        await session.waitFor("the opening check to fail", timeout: 600) { $0.contains("✘ failed") }

        // The solution's run (P): it passes, its last step and read model are on screen.
        try session.send("P")
        let passed = await session.waitFor("the full-size run to pass", timeout: 300) { $0.contains("The full-size run passed") }
        #expect(passed.contains("counted 400 of 400 pages"))
        #expect(passed.contains("step 4/4"))
        #expect(passed.contains("On the seeded sample store"))

        // The learner's untouched tally counts nothing: the run fails and says why.
        try session.send("p")
        let failed = await session.waitFor("the learner's run to fail", timeout: 300) { $0.contains("The full-size run failed") }
        #expect(failed.contains("expected 400, got 0"))
    }

    /// `workshop watch` in a terminal: the first check, then a save (an editor-style rename over
    /// the file) checks again and passes; with file notifications and with `--poll`.
    @Test(arguments: ["", "--poll"])
    func watchChecksAgainOnEverySave(option: String) async throws {
        let root = try Self.project()
        let session = try TmuxSession(command: Self.command(root: root, arguments: "watch tally \(option)"), width: 120, height: 40)
        defer { session.kill() }
        let first = await session.waitFor("the first check", timeout: 600) { $0.contains("Watching Sources/Tally for saves") }
        #expect(first.contains("tally: failed"))
        #expect(first.contains("(polling)") == (option == "--poll"))

        let exercise = root.appending(path: "Exercises/Sources/Tally/Tally.swift")
        let temporary = root.appending(path: "Exercises/Sources/Tally/.Tally.swift.swp")
        try FileManager.default.copyItem(at: root.appending(path: "Solutions/Sources/Tally/Tally.swift"), to: temporary)
        #expect(rename(temporary.path, exercise.path) == 0)
        let passed = await session.waitFor("the check after the save", timeout: 300) { $0.contains("tally: passed") }
        #expect(passed.contains("Saved: Exercises/Sources/Tally/Tally.swift"))
        #expect(!passed.contains(".swp"), "the editor's temporary file is not a save")

        try session.send("C-c")
        await session.waitFor("exit=")
    }

    /// Closing the terminal window (here: killing the tmux session) ends the app; it must not
    /// stay behind spinning on a terminal that is gone.
    @Test func closingTheTerminalEndsTheApp() async throws {
        let root = try Self.project()
        // --root on the command line so the process can be found by its arguments.
        let session = try TmuxSession(command: Self.command(root: root, arguments: "--root '\(root.path)'"), width: 100, height: 30)
        defer { session.kill() }
        await session.waitFor("1 Instructions")
        let running = Self.processes(matching: root.path)
        #expect(!running.isEmpty)
        session.kill()
        let deadline = ContinuousClock.now + .seconds(10)
        while !Self.processes(matching: root.path).isEmpty, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(Self.processes(matching: root.path).isEmpty, "the app outlived its terminal")
    }

    /// Process ids of `workshop` processes whose arguments contain `text`.
    static func processes(matching text: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            return arguments.first?.hasSuffix("/workshop") == true && arguments.contains { $0.contains(text) }
        }
    }
}
