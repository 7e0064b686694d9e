import ArgumentParser
import WorkshopKit

/// `workshop reset ID | --all [--yes]`
struct ResetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Restore an exercise's files (or all of them) to how they started.",
        discussion: """
            Your changes to the exercise's files are replaced by the original copies the app \
            carries (no git or network needed). Asks first unless --yes; without a terminal, \
            --yes is required.
            """)

    @OptionGroup var project: ProjectOptions

    @Argument(help: "The exercise id, as `workshop list` shows it.")
    var id: String?

    @Flag(help: "Reset every exercise.")
    var all = false

    @Flag(help: "Do not ask for confirmation.")
    var yes = false

    func validate() throws {
        if all == (id != nil) {
            throw ValidationError(all ? "give either an exercise id or --all, not both." : "name an exercise to reset, or pass --all.")
        }
    }

    func run() throws {
        let paths = try project.paths()
        let catalog = try project.catalog(paths)
        let exercises = try id.map { [try project.exercise($0, in: catalog)] } ?? catalog.exercises
        let pristine = try project.pristine()
        let what = all ? "all \(exercises.count) exercises" : "'\(exercises[0].id)'"
        if !yes {
            guard Console.inputIsTerminal else {
                throw WorkshopFailure.usage("not resetting \(what) without confirmation; pass --yes.")
            }
            guard Console.confirm("Reset \(what)? Your changes to its files will be lost.") else {
                Console.line("Nothing was reset.")
                return
            }
        }
        let progress = project.progress(paths)
        for exercise in exercises {
            do {
                let restored = try pristine.restore(exercise, into: paths.exercises)
                try progress.record(.exerciseReset(ExerciseReset(exercise: exercise.id)))
                Console.line("Reset \(exercise.id): \(restored.map { "Exercises/\($0)" }.joined(separator: ", "))")
            } catch let error as PristineMissing {
                throw WorkshopFailure.usage(error.description)
            }
        }
    }
}
