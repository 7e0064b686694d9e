import ArgumentParser
import EventSourcing
import Foundation
import WorkshopKit

/// `workshop archive`: the archiving exercise's job (the reference one), on the seeded year.
struct ArchiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Move old closed stays from the sample store to a cold store (.workshop/cold.sqlite).",
        discussion: """
            Stays that checked out more than --older-than days before the last checkout of the \
            seeded history leave the hot log (.workshop/sample.sqlite) for .workshop/cold.sqlite, \
            where they stay readable; each leaves a StayArchived summary with its totals in the \
            hot log. Run `workshop seed` first; running archive again moves nothing more. Browse \
            the result in the app's Streams pane (key b). To run your own archiving code on the \
            same history instead: `workshop sample archiving`.
            """)

    @Option(name: .customLong("older-than"), help: ArgumentHelp("Archive stays closed more than this many days ago.", valueName: "days"))
    var olderThanDays: Int = 90

    @OptionGroup var project: ProjectOptions

    @Flag(help: "Print one JSON object: {\"streams\", \"events\", \"summaries\", \"hot_events_before\", \"hot_events_after\", \"seconds\"}.")
    var json = false

    func validate() throws {
        guard olderThanDays >= 0 else { throw ValidationError("--older-than must be 0 or more days.") }
    }

    func run() throws {
        let paths = try project.paths()
        let cold = paths.state.appending(path: "cold.sqlite")
        let summary: SampleStoreArchiver.Summary
        do {
            summary = try SampleStoreArchiver(olderThanDays: olderThanDays).archive(path: paths.sampleStore.path, coldPath: cold.path)
        } catch let missing as SampleStoreMissing {
            throw WorkshopFailure.usage(missing.description)
        }
        if json {
            let data = try JSONCoding.encoder().encode(summary)
            Console.line(String(decoding: data, as: UTF8.self))
        } else {
            Console.line("Archived \(summary.streams) stays (\(summary.events) events) to \(paths.relative(cold)), "
                + "leaving \(summary.summaries) summaries; the hot log went from \(summary.hotEventsBefore) to \(summary.hotEventsAfter) events "
                + "in \(String(format: "%.1f", summary.seconds)) s.")
        }
    }
}
