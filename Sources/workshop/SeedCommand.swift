import ArgumentParser
import Foundation
import WorkshopKit
import WorkshopRuntime

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `workshop seed`: writes a year of a busy hotel into `.workshop/sample.sqlite`.
struct SeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Write a realistic hotel history into the sample store (.workshop/sample.sqlite).",
        discussion: """
            A year of simulated stays, charges, payments, group checkouts and reservations, with \
            older and newer event schema versions and correlation and causation ids. The same \
            seed always writes the same events. The sample store is replaced.
            """)

    @Option(help: "How many events to write.")
    var events: Int = SampleStoreSeeder.defaultEvents

    @Option(help: "The random seed: the same seed writes the same history.")
    var seed: UInt64 = SampleStoreSeeder.defaultSeed

    @OptionGroup var project: ProjectOptions

    @Flag(help: "Print one JSON object: {\"events\", \"streams\", \"seconds\"}.")
    var json = false

    func validate() throws {
        guard events > 0 else { throw ValidationError("--events must be at least 1.") }
    }

    func run() throws {
        let paths = try project.paths()
        // The cold store holds streams archived from the sample store being replaced: its
        // positions belong to that history, so it goes with it.
        let cold = paths.state.appending(path: "cold.sqlite")
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: cold.path + suffix) {
            try FileManager.default.removeItem(atPath: cold.path + suffix)
        }
        let target = events
        let bar = isatty(STDERR_FILENO) == 1 ? ProgressBar(total: target) : nil
        let summary = try SampleStoreSeeder(events: target, seed: seed).seed(path: paths.sampleStore.path) { written in
            bar?.show(written)
        }
        bar?.finish()
        if json {
            let object: [String: Any] = ["events": summary.events, "streams": summary.streams,
                                         "seconds": (summary.seconds * 1000).rounded() / 1000,
                                         "events_per_s": Int(Double(summary.events) / max(summary.seconds, 0.001))]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            Console.line(String(decoding: data, as: UTF8.self))
        } else {
            let rate = Int(Double(summary.events) / max(summary.seconds, 0.001))
            Console.line("Wrote \(summary.events) events in \(summary.streams) streams to \(paths.relative(paths.sampleStore)) "
                + "in \(String(format: "%.1f", summary.seconds)) s (\(rate) events/s).")
        }
    }
}
