import Foundation
import NcursesTerminal
import Synchronization
import TerminalUI
import WorkshopApp
import WorkshopKit

#if canImport(Glibc)
import Glibc
#endif

/// Set by SIGTERM, SIGINT and SIGHUP; the app's loop looks at it between keys and leaves,
/// restoring the terminal. An atomic because a signal handler may do nothing else safely.
private let stopRequested = Atomic<Bool>(false)

/// The full-screen app on this process's terminal, at the learner's first unfinished exercise,
/// with the real effects; `workshop` (`workshop tui`) runs it.
public struct TUISession: Sendable {
    public var catalog: Catalog
    public var progress: WorkshopProgress
    public var effects: WorkshopEffects
    public var colorMode: ColorMode
    public var glyphs: Glyphs

    public init(catalog: Catalog, progress: WorkshopProgress, effects: WorkshopEffects, colorMode: ColorMode, glyphs: Glyphs) {
        self.catalog = catalog
        self.progress = progress
        self.effects = effects
        self.colorMode = colorMode
        self.glyphs = glyphs
    }

    /// Why this process cannot show the full screen, as the text to print; nil when it can.
    @MainActor
    public static func unavailability(environment: [String: String]) -> String? {
        guard NcursesTerminal.isTerminal() else {
            return """
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
                """
        }
        guard NcursesTerminal.canAddressCursor() else {
            let term = environment["TERM"].map { "TERM=\($0)" } ?? "no TERM set"
            return "workshop: this terminal (\(term)) cannot move the cursor, so the full screen cannot be drawn; use `workshop watch ID`, `check ID`, `hint ID` or `list`."
        }
        return nil
    }

    /// Runs until the learner quits or a signal asks to stop, then restores the terminal and
    /// stops what is still running.
    public func run() async throws {
        var summary = ProgressSummary()
        do {
            summary = try progress.summary()
        } catch {
            Console.error("note: your progress could not be read (\(error)); the app starts without it.")
        }
        for signalNumber in [SIGTERM, SIGINT, SIGHUP] {
            signal(signalNumber) { _ in stopRequested.store(true, ordering: .relaxed) }
        }
        let marks = summary.exercises.mapValues(\.status)
        let hints = summary.exercises.mapValues(\.hintsRevealed).filter { $0.value > 0 }
        let current = summary.resume(in: catalog)?.id
        let (catalog, effects, colorMode, glyphs) = (catalog, effects, colorMode, glyphs)
        try await MainActor.run {
            // Raw mode: Ctrl-C arrives as a key, so quitting goes through the loop that restores
            // the terminal rather than killing the process mid-frame.
            let terminal = try NcursesTerminal(colorMode: colorMode, interruptAsKey: true)
            let model = Model(catalog: catalog, marks: marks, hintsRevealed: hints, size: terminal.size, glyphs: glyphs, currentID: current)
            let loop = AppLoop(terminal: terminal, model: model, effects: effects) {
                stopRequested.load(ordering: .relaxed)
            }
            loop.run()
        }
        await effects.shutdown()
    }
}
