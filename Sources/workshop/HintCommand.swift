import ArgumentParser
import WorkshopKit

/// `workshop hint ID [--level N]`
struct HintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hint",
        abstract: "Reveal the next hint for an exercise.",
        discussion: """
            Hints go from a nudge to nearly the answer. Each call reveals one more and shows all \
            you have seen so far; --level N shows the hints up to N.
            """)

    @OptionGroup var project: ProjectOptions

    @Argument(help: "The exercise id, as `workshop list` shows it.")
    var id: String

    @Option(help: "Show the hints up to this level (1 is the first).")
    var level: Int?

    func run() throws {
        let paths = try project.paths()
        let catalog = try project.catalog(paths)
        let exercise = try project.exercise(id, in: catalog)
        guard !exercise.hints.isEmpty else { throw WorkshopFailure.usage("exercise '\(exercise.id)' has no hints.") }
        if let level, !(1...exercise.hints.count).contains(level) {
            throw WorkshopFailure.usage("--level must be between 1 and \(exercise.hints.count) for '\(exercise.id)'.")
        }
        let shown = try project.progress(paths).revealHint(of: exercise, level: level)
        for (index, hint) in exercise.hints.prefix(shown).enumerated() {
            Console.line("Hint \(index + 1)/\(exercise.hints.count): \(hint)")
        }
        if shown < exercise.hints.count {
            Console.line("(run it again for the next hint)")
        }
    }
}
