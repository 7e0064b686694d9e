import ArgumentParser
import Foundation
import WorkshopKit

/// `workshop verify [--json]`
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the workshop itself: every solution passes, every untouched exercise fails.",
        discussion: """
            For maintainers and CI (`make test` runs it). Builds the pristine exercises in a copy \
            under .workshop/verify, so your own edits never change the verdict, and the solutions \
            at the same time. Also checks the manifest: files exist, instructions are present, \
            every exercise has a hint. Each shipped wrong answer \
            (Solutions/Mutants/ID/*.patch) must be rejected by a named check and each accepted \
            alternative (Solutions/Alternatives/ID/*.patch) must pass. Exit 0 when all is well, 1 otherwise.
            """)

    @OptionGroup var project: ProjectOptions

    @Flag(help: "Print one JSON object: {\"ok\", \"exercises\": [{\"id\", \"solution\", \"pristine\"}], \"problems\", \"mutants\": {\"total\", \"rejected\"}, \"alternatives\": {\"total\", \"accepted\"}}.")
    var json = false

    @Option(name: .customLong("exercise"), help: ArgumentHelp("Verify only this exercise (repeat for more), e.g. while writing its wrong answers.", valueName: "id"))
    var exercises: [String] = []

    // Longer than `check`'s 15 s: verify runs two builds and checks at once on a shared machine,
    // and the SQLite-backed exercises (blue-green) take several seconds in a debug build.
    @Option(help: ArgumentHelp("Stop each check after this many seconds.", valueName: "seconds"))
    var runTimeout: Double = 60

    func run() async throws {
        let paths = try project.paths()
        let catalog = try project.catalog(paths)
        var verifier = Verifier(paths: paths, catalog: catalog, pristine: try project.pristine(),
                                configuration: project.runner(paths, runTimeout: runTimeout).configuration)
        for id in exercises where catalog.exercises.first(where: { $0.id == id }) == nil {
            throw ValidationError("There is no exercise '\(id)'; `workshop list` shows them.")
        }
        verifier.only = Set(exercises)
        Console.error("Verifying \(catalog.exercises.count) exercises (solutions and untouched copies in parallel)…")
        let report = try await verifier.run { id, workspace, status in
            Console.error("  \(workspace == .solutions ? "solution" : "pristine") \(id): \(status.rawValue)")
        }
        if json {
            try Console.json(report)
        } else {
            for problem in report.problems { Console.line("✗ \(problem)") }
            let mutants = report.mutants, alternatives = report.alternatives
            Console.line("Wrong answers rejected: \(mutants.rejected) of \(mutants.total); alternatives accepted: \(alternatives.accepted) of \(alternatives.total).")
            Console.line(report.ok
                ? "✓ All \(report.exercises.count) exercises verified in \(String(format: "%.0f", report.seconds)) s."
                : "\(report.problems.count) problem(s).")
        }
        if !report.ok { throw ExitCode(1) }
    }
}
