import ArgumentParser
import Foundation
import WorkshopKit
import WorkshopRuntime

/// `workshop bench tui [--events N] [--frames N] [--json]`: how long the exercise screen takes
/// to render at 200x60 with the Streams pane browsing a store of a million events, against
/// filling an empty grid of the same size (the least any frame costs); and the resident memory
/// with that store open.
struct BenchTUICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "Render time of the exercise screen on a large store, against filling an empty grid.",
        discussion: """
            Uses .workshop/sample.sqlite when it holds at least --events events; otherwise seeds \
            a temporary store of --events events first (removed afterwards). Aim: at most 2 ms a \
            frame and 64 MB resident. Build with -c release for meaningful figures.
            """
    )

    @OptionGroup var project: ProjectOptions

    @Option(help: "Events in the store the Streams pane browses.")
    var events = SampleStoreSeeder.defaultEvents

    @Option(help: "Frames timed for each median.")
    var frames = 300

    @Flag(help: "Print one JSON object: {\"events\", \"frame_ms_median\", \"baseline_frame_ms_median\", \"rss_mb\"}.")
    var json = false

    func validate() throws {
        guard events >= 1 else { throw ValidationError("--events must be at least 1.") }
        guard frames >= 5 else { throw ValidationError("--frames must be at least 5.") }
    }

    func run() async throws {
        let benchmark = TUIBenchmark(events: events, frames: frames)
        let report = try benchmark.run(paths: try? project.paths()) { if !json { Console.error($0) } }
        if json {
            try Console.json(report)
        } else {
            Console.line(String(format: "exercise screen 200x60, Streams on %d events: %.3f ms a frame (median of %d)", report.events, report.frameMilliseconds, frames))
            Console.line(String(format: "baseline, filling an empty 200x60 grid:       %.3f ms (ratio %.1f)", report.baselineMilliseconds, report.frameMilliseconds / max(report.baselineMilliseconds, 1e-9)))
            Console.line(String(format: "resident memory with the store open:          %.1f MB", report.rssMegabytes))
        }
    }
}
