import ArgumentParser
import CheckReport
import Foundation
import WorkshopKit
import WorkshopRuntime

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `workshop sample ID [--solution] [--json]`: an exercise's code on the seeded sample store.
struct SampleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Run an exercise's code on the seeded sample store (blue-green, archiving).",
        discussion: """
            The checks prove an exercise on small histories; its full-size run puts the same \
            code to work on the production-sized history that `workshop seed` writes into \
            .workshop/sample.sqlite (a million events by default), with its progress as it \
            goes. It changes the sample store the way the exercise says (new tables, archived \
            stays); `workshop seed` makes a fresh one. The result is not saved as progress: \
            the checks decide that. In the app, press p on the exercise.
            """)

    @OptionGroup var project: ProjectOptions

    @Argument(help: "The exercise id; `workshop list` shows which have a full-size run.")
    var id: String

    @Flag(help: "Run the provided solution instead of your exercise.")
    var solution = false

    @Flag(help: "Print one JSON object, shaped like `check --json`, with \"kind\": \"full_size\".")
    var json = false

    func run() async throws {
        let paths = try project.paths()
        let catalog = try project.catalog(paths)
        let exercise = try project.exercise(id, in: catalog)
        guard let what = exercise.fullSizeRun else {
            let others = catalog.exercises.filter { $0.fullSizeRun != nil }.map(\.id)
            let which = others.isEmpty ? "no exercise has one." : "these do: \(others.joined(separator: ", "))."
            throw WorkshopFailure.usage("\(exercise.id) has no full-size run; \(which)")
        }
        guard FileManager.default.fileExists(atPath: paths.sampleStore.path) else {
            throw WorkshopFailure.usage(WorkshopKit.SampleStoreMissing(path: paths.relative(paths.sampleStore)).description)
        }
        Console.error("Full-size run of \(exercise.id)\(solution ? " (solution)" : ""): \(what)")

        let display = LiveProgress(onTerminal: isatty(STDERR_FILENO) == 1)
        let outcome = try await project.runner(paths).fullSizeRun(exercise, in: solution ? .solutions : .exercises) { event in
            switch event {
            case .building: Console.error("Building \(exercise.checkProduct)…")
            case .reported(.progress(let progress)): display.show(progress)
            case .reported(.step(let step)): display.step(step.title)
            default: break
            }
        }
        display.end()
        if json {
            try Console.json(outcome)
        } else {
            OutcomeText.print(outcome, next: nil)
        }
        if outcome.status != .passed {
            throw ExitCode(1)
        }
    }
}
