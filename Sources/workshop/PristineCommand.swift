import ArgumentParser
import Foundation
import WorkshopKit
import WorkshopPristine

/// `workshop pristine [--write]`: for maintainers (`make pristine`).
struct PristineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pristine",
        abstract: "Maintainers: compare or regenerate the pristine exercise copies compiled into the app.",
        discussion: """
            Without --write: exit 1 and list the files when Exercises/Sources or \
            Exercises/Instructions differ from the copies compiled in. With --write: regenerate \
            Sources/WorkshopPristine/PristineExercises.swift from them (then rebuild).
            """,
        shouldDisplay: false)

    @OptionGroup var project: ProjectOptions

    @Flag(help: "Write Sources/WorkshopPristine/PristineExercises.swift.")
    var write = false

    func run() throws {
        let paths = try project.paths()
        let current = try PristineFiles.load(from: paths.exercises)
        if write {
            let target = paths.root.appending(path: "Sources/WorkshopPristine/PristineExercises.swift")
            try current.swiftSource().write(to: target, atomically: true, encoding: .utf8)
            Console.line("Wrote \(paths.relative(target)) (\(current.files.count) files). Rebuild the app to use them.")
            return
        }
        let differences = PristineFiles.embedded.differences(from: current)
        guard differences.isEmpty else {
            for path in differences { Console.line("differs: Exercises/\(path)") }
            throw WorkshopFailure.checkFailed("\(differences.count) pristine files are out of date; run `make pristine`.")
        }
        Console.line("The pristine copies match Exercises/ (\(current.files.count) files).")
    }
}
