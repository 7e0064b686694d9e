import ArgumentParser
import Foundation
import NcursesTerminal
import Synchronization
import TerminalUI
import WorkshopApp
import WorkshopKit
import WorkshopRuntime

#if canImport(Glibc)
import Glibc
#endif

/// Set by SIGTERM, SIGINT and SIGHUP; the TUI's loop looks at it between keys and leaves,
/// restoring the terminal. An atomic because a signal handler may do nothing else safely.
private let stopRequested = Atomic<Bool>(false)

/// `workshop` (or `workshop tui`): the terminal UI, at the first unfinished exercise.
struct TUICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "The interactive workshop screen (the default command).",
        discussion: """
            Opens the first unfinished exercise: instructions, test results, the event streams \
            and read models its checks built, live as you save. Press ? inside for every key.
            """
    )

    @OptionGroup var project: ProjectOptions

    @Flag(help: "No colours (attributes only), as NO_COLOR does.")
    var noColor = false

    @Flag(help: "ASCII borders and marks, for terminals without line drawing.")
    var ascii = false

    @Flag(help: "Look for saves every 250 ms instead of using file notifications (network or container file systems).")
    var poll = false

    func run() async throws {
        guard await NcursesTerminal.isTerminal() else {
            FileHandle.standardError.write(Data("""
                workshop: the interactive screen needs a terminal, and stdin or stdout is not one.
                Use the subcommands instead:
                  workshop list [--json]            exercises with stage and status
                  workshop check ID [--json]        build and check one exercise
                  workshop hint ID                  the next hint
                  workshop reset ID | --all         restore pristine exercise files
                  workshop verify                   every solution passes, every pristine exercise fails
                  workshop seed                     fill the sample store
                  workshop bench store|feedback|tui benchmarks
                See workshop --help.

                """.utf8))
            throw ExitCode(2)
        }
        let paths = try project.paths()
        let catalog = try project.catalog(paths)
        guard !catalog.exercises.isEmpty else { throw WorkshopFailure.usage("The manifest lists no exercises.") }
        let progress = project.progress(paths)
        let summary = (try? progress.summary()) ?? ProgressSummary()
        let effects = WorkshopEffects(
            paths: paths, catalog: catalog, runner: project.runner(paths), progress: progress,
            pristine: try project.pristine(), watchMode: poll ? .polling : .automatic)

        for signalNumber in [SIGTERM, SIGINT, SIGHUP] {
            signal(signalNumber) { _ in stopRequested.store(true, ordering: .relaxed) }
        }
        let environment = ProcessInfo.processInfo.environment
        let colorMode = ColorMode.requested(environment: environment, noColorFlag: noColor)
        let glyphs: Glyphs = ascii ? .ascii : .unicode
        let marks = summary.exercises.mapValues(\.status)
        let hints = summary.exercises.mapValues(\.hintsRevealed).filter { $0.value > 0 }
        let current = summary.resume(in: catalog)?.id

        try await MainActor.run {
            // Raw mode: Ctrl-C arrives as a key, so quitting goes through the loop that restores
            // the terminal rather than killing the process mid-frame.
            let terminal = try NcursesTerminal(colorMode: colorMode, interruptAsKey: true)
            let model = Model(catalog: catalog, marks: marks, hintsRevealed: hints, size: terminal.size, glyphs: glyphs, currentID: current)
            let runtime = AppLoop(terminal: terminal, model: model, effects: effects) {
                stopRequested.load(ordering: .relaxed)
            }
            runtime.run()
        }
        await effects.shutdown()
    }
}
