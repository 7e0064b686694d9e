import ArgumentParser
import Foundation
import WorkshopKit

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
            Terminal.line(String(decoding: data, as: UTF8.self))
        } else {
            let rate = Int(Double(summary.events) / max(summary.seconds, 0.001))
            Terminal.line("Wrote \(summary.events) events in \(summary.streams) streams to \(paths.relative(paths.sampleStore)) "
                + "in \(String(format: "%.1f", summary.seconds)) s (\(rate) events/s).")
        }
    }
}

/// A one-line progress bar on standard error, redrawn at most ten times a second.
final class ProgressBar {
    private var total: Int
    private var lastDrawn = Date.distantPast
    private var lastWidth = 0

    init(total: Int) {
        self.total = total
    }

    /// Redraws the bar; `total` changes it (a log that keeps growing), `label` follows the counts.
    func show(_ done: Int, of total: Int? = nil, label: String = "events") {
        if let total { self.total = total }
        let now = Date()
        guard now.timeIntervalSince(lastDrawn) >= 0.1 || done >= self.total else { return }
        lastDrawn = now
        let fraction = min(1, Double(done) / Double(max(self.total, 1)))
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let text = "[\(bar)] \(Int(fraction * 100))%  \(done)/\(self.total) \(label)"
        // Pad over the previous line: a shorter label must not leave the old one's tail behind.
        let padding = String(repeating: " ", count: max(0, lastWidth - text.count))
        lastWidth = text.count
        FileHandle.standardError.write(Data("\r\(text)\(padding)".utf8))
    }

    /// Ends the bar's line, if one was drawn; the next `show` starts a new one.
    func finish() {
        guard lastWidth > 0 else { return }
        lastWidth = 0
        lastDrawn = .distantPast
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
