import Foundation
import WorkshopKit

/// `workshop watch`: the exercise checked on every save, printed as text, without the full
/// screen (for editors' terminals and consoles that cannot show it).
public struct SaveWatch: Sendable {
    public var paths: ProjectPaths
    public var catalog: Catalog
    public var exercise: Exercise
    public var runner: Runner
    public var progress: WorkshopProgress

    public init(paths: ProjectPaths, catalog: Catalog, exercise: Exercise, runner: Runner, progress: WorkshopProgress) {
        self.paths = paths
        self.catalog = catalog
        self.exercise = exercise
        self.runner = runner
        self.progress = progress
    }

    /// Checks once, then again after every save, until the task is cancelled (Ctrl-C).
    public func run(mode: FileWatcher.Mode) async {
        Console.savingProgress { try progress.open(exercise.id) }
        let watcher = FileWatcher(folders: [paths.exercises.appending(path: exercise.sourceFolder)], mode: mode)
        let changes = watcher.changes()
        var running: Task<Void, Never>?
        let check: @Sendable () -> Task<Void, Never> = {
            Task {
                Console.line("Checking \(exercise.id)…")
                let outcome: CheckOutcome
                do {
                    outcome = try await runner.check(exercise)
                } catch is CancellationError {
                    return  // a newer save restarted the check
                } catch {
                    Console.error("Could not check \(exercise.id): \(error)")
                    return
                }
                Console.savingProgress { try progress.recordCheck(outcome) }
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
