import ArgumentParser
import Foundation
import WorkshopKit
import WorkshopRuntime

/// `workshop watch ID [--poll]`: check on every save, without the full-screen app.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Check an exercise every time you save one of its files (Ctrl-C to stop).",
        discussion: """
            Watches the exercise's source folder and runs the check about 200 ms after a save; a \
            save during a check restarts it. Works with editors that save by renaming a temporary \
            file. Use --poll where file notifications do not work (some network or container file \
            systems).
            """)

    @OptionGroup var project: ProjectOptions

    @Argument(help: "The exercise id, as `workshop list` shows it.")
    var id: String

    @Flag(help: "Look for changes every 250 ms instead of using file notifications.")
    var poll = false

    func run() async throws {
        let (paths, catalog, exercise) = try project.select(id)
        let watch = SaveWatch(paths: paths, catalog: catalog, exercise: exercise, runner: project.runner(paths), progress: project.progress(paths))
        await watch.run(mode: poll ? .polling : .automatic)
    }
}
