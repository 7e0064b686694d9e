import ArgumentParser
import Foundation
import WorkshopKit

/// `workshop list [--json]`
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Show every exercise with its stage and your status.",
        discussion: """
            Status is pending (not checked yet), passed (your last check passed) or failed. \
            The arrow marks where you left off: the first exercise you have not finished.
            """)

    @OptionGroup var project: ProjectOptions

    @Flag(help: "Print one JSON object: {\"exercises\": [{\"id\", \"stage\", \"title\", \"status\", \"files\", \"instructions\"}]}.")
    var json = false

    struct Listing: Encodable {
        struct Entry: Encodable {
            var id, stage, title: String
            var status: ListStatus
            var files: [String]
            var instructions: String
            var hints: Int
            var hintsRevealed: Int
            /// What `workshop sample ID` does, for exercises that have a full-size run.
            var fullSizeRun: String?
            enum CodingKeys: String, CodingKey {
                case id, stage, title, status, files, instructions, hints
                case hintsRevealed = "hints_revealed"
                case fullSizeRun = "full_size_run"
            }
        }
        var exercises: [Entry]
        var resume: String?
    }

    func run() throws {
        let paths = try project.paths()
        let catalog = try project.catalog(paths)
        let summary = try project.progress(paths).summary()
        let resume = summary.resume(in: catalog)
        if json {
            try Console.json(Self.listing(catalog, summary: summary, paths: paths, resume: resume))
            return
        }
        Self.printTable(catalog, summary: summary, resume: resume)
    }

    static func listing(_ catalog: Catalog, summary: ProgressSummary, paths: ProjectPaths, resume: Exercise?) -> Listing {
        Listing(exercises: catalog.exercises.map { exercise in
            let progress = summary.progress(of: exercise.id)
            return Listing.Entry(
                id: exercise.id, stage: exercise.stage, title: exercise.title, status: progress.status,
                files: exercise.files.map { paths.relative(paths.exercises.appending(path: $0)) },
                instructions: paths.relative(paths.exercises.appending(path: exercise.instructions)),
                hints: exercise.hints.count, hintsRevealed: progress.hintsRevealed, fullSizeRun: exercise.fullSizeRun)
        }, resume: resume?.id)
    }

    static func printTable(_ catalog: Catalog, summary: ProgressSummary, resume: Exercise?) {
        let width = catalog.exercises.map(\.id.count).max() ?? 0
        var done = 0
        for stage in catalog.stages {
            let exercises = catalog.exercises.filter { $0.stage == stage.id }
            guard !exercises.isEmpty else { continue }
            Console.line(Console.paint(stage.title, "1"))
            for exercise in exercises {
                let status = summary.progress(of: exercise.id).status
                if status == .passed { done += 1 }
                let mark = switch status {
                case .passed: Console.paint("✓ passed ", "32")
                case .failed: Console.paint("✗ failed ", "31")
                case .pending: "· pending"
                }
                let here = exercise.id == resume?.id ? "→" : " "
                let fullSize = exercise.fullSizeRun == nil ? "" : Console.paint("  (+ workshop sample \(exercise.id))", "2")
                Console.line(" \(here) \(exercise.id.padding(toLength: width, withPad: " ", startingAt: 0))  \(mark)  \(exercise.title)\(fullSize)")
            }
        }
        Console.line("\n\(done)/\(catalog.exercises.count) passed." + (resume.map { " Next: workshop check \($0.id)" } ?? ""))
    }
}
