import ArgumentParser
import Foundation
import TerminalUI
import WorkshopKit
import WorkshopRuntime

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
        let environment = ProcessInfo.processInfo.environment
        if let reason = await TUISession.unavailability(environment: environment) {
            Console.error(reason)
            throw ExitCode(2)
        }
        let paths = try project.paths()
        let catalog = try project.catalog(paths)
        guard !catalog.exercises.isEmpty else { throw WorkshopFailure.usage("The manifest lists no exercises.") }
        let progress = project.progress(paths)
        let effects = WorkshopEffects(
            paths: paths, catalog: catalog, runner: project.runner(paths), progress: progress,
            pristine: try project.pristine(), watchMode: poll ? .polling : .automatic)
        try await TUISession(
            catalog: catalog, progress: progress, effects: effects,
            colorMode: ColorMode.requested(environment: environment, noColorFlag: noColor), glyphs: ascii ? .ascii : .unicode
        ).run()
    }
}
