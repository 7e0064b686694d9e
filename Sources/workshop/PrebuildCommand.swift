import ArgumentParser
import Foundation
import WorkshopKit

/// `workshop prebuild [ID]`
struct PrebuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prebuild",
        abstract: "Build an exercise ahead of its first check, with the libraries every exercise shares.",
        discussion: """
            `make run` does this before the app opens, so that your first check takes seconds \
            instead of a minute. Without an id: the exercise you would resume at. Nothing is \
            built when it is built already. A compile error in your code is not a failure here: \
            the check will show it.
            """)

    @OptionGroup var project: ProjectOptions

    @Argument(help: "The exercise id (default: where you would resume).")
    var id: String?

    func run() async throws {
        let paths = try project.paths()
        let catalog = try project.catalog(paths)
        let exercise: Exercise
        if let id {
            exercise = try project.exercise(id, in: catalog)
        } else {
            let (progress, _) = WorkshopProgress.open(paths: paths)
            guard let resume = (try? progress.summary())?.resume(in: catalog) ?? catalog.exercises.first else {
                throw WorkshopFailure.usage("the manifest lists no exercises.")
            }
            exercise = resume
        }
        Console.line("Preparing \(exercise.id) and the libraries every exercise shares (the first time takes a minute)…")
        let started = ContinuousClock.now
        let result = try await project.runner(paths).prebuild(exercise) { data in
            FileHandle.standardOutput.write(data)
        }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        switch result {
        case nil: Console.line("\(exercise.id) is built already.")
        case let result? where result.succeeded: Console.line(String(format: "Ready in %.0f s.", seconds))
        case let result? where result.timedOut: Console.error("note: the build took too long and was stopped; your first check will build again.")
        default: Console.line("Prepared (your code does not compile yet: the check will show where).")
        }
    }
}
