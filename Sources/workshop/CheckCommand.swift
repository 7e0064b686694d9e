import ArgumentParser
import CheckReport
import Foundation
import WorkshopKit

/// `workshop check ID [--solution] [--json]`
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Build one exercise and run its checks; exit 0 when they pass.",
        discussion: """
            Builds only this exercise (a compile error elsewhere does not matter) and runs its \
            given/when/then checks in a separate process. Shows each check, compiler errors with \
            the offending line, and what to look at when it crashed or timed out. \
            Your result is saved in your progress (see `workshop list`).
            """)

    @OptionGroup var project: ProjectOptions

    @Argument(help: "The exercise id, as `workshop list` shows it.")
    var id: String

    @Flag(help: "Check the provided solution instead of your exercise.")
    var solution = false

    @Flag(help: "Print one JSON object: {\"exercise\", \"status\", \"tests\", \"diagnostics\", \"trace\", \"seconds\", \"output\"}.")
    var json = false

    @Option(help: ArgumentHelp("Stop the checks after this many seconds.", valueName: "seconds"))
    var runTimeout: Double?

    func run() async throws {
        let paths = try project.paths()
        let catalog = try project.catalog(paths)
        let exercise = try project.exercise(id, in: catalog)
        // Said before anything slow happens, so the learner sees at once that the save registered.
        let checking = "Checking \(exercise.id)\(solution ? " (solution)" : "")…"
        if json { Console.error(checking) } else { Console.line(checking) }

        let outcome = try await project.runner(paths, runTimeout: runTimeout).check(exercise, in: solution ? .solutions : .exercises)
        let progress = project.progress(paths)
        do {
            if try progress.summary().current != exercise.id, !solution {
                try progress.record(.exerciseOpened(ExerciseOpened(exercise: exercise.id)))
            }
            try progress.recordCheck(outcome)
        } catch {
            Console.error("note: could not save progress: \(error)")
        }
        if json {
            try Console.json(outcome)
        } else {
            OutcomeText.print(outcome, next: outcome.status == .passed && !solution ? catalog.exercise(after: exercise) : nil)
        }
        if outcome.status != .passed {
            throw ExitCode(1)
        }
    }
}
