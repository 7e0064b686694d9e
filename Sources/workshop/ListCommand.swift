import ArgumentParser
import Foundation
import WorkshopKit
import WorkshopRuntime

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

    func run() throws {
        let paths = try project.paths()
        let catalog = try project.catalog(paths)
        let summary = try project.progress(paths).summary()
        let resume = summary.resume(in: catalog)
        if json {
            try Console.json(ExerciseListing.listing(catalog, summary: summary, paths: paths, resume: resume))
            return
        }
        ExerciseListing.printTable(catalog, summary: summary, resume: resume)
    }
}
