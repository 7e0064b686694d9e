import ArgumentParser
import Foundation
import WorkshopKit

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
        let paths = try project.paths()
        let catalog = try project.catalog(paths)
        let exercise = try project.exercise(id, in: catalog)
        let runner = project.runner(paths)
        let progress = project.progress(paths)
        try? progress.record(.exerciseOpened(ExerciseOpened(exercise: exercise.id)))
        let watcher = FileWatcher(folders: [paths.exercises.appending(path: exercise.sourceFolder)], mode: poll ? .polling : .automatic)
        let changes = watcher.changes()
        var running: Task<Void, Never>?
        let check: @Sendable () -> Task<Void, Never> = {
            Task {
                Console.line("Checking \(exercise.id)…")
                guard let outcome = try? await runner.check(exercise) else { return }
                try? progress.recordCheck(outcome)
                OutcomeText.print(outcome, next: outcome.status == .passed ? catalog.exercise(after: exercise) : nil)
                Console.line("Watching \(exercise.sourceFolder) for saves\(watcher.isPolling ? " (polling)" : "")…")
            }
        }
        running = check()
        for await changed in changes {
            Console.line("Saved: \(changed.map { paths.relative(URL(filePath: $0)) }.joined(separator: ", "))")
            running?.cancel()
            running = check()
        }
    }
}
