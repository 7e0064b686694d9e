import ArgumentParser
import EventSourcingSQLite
import Foundation
import TerminalUI
import WorkshopApp
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
        let paths = try? project.paths()
        let (storePath, temporary) = try prepareStore(paths)
        defer {
            if let temporary { try? FileManager.default.removeItem(at: temporary) }
        }
        let store = try SQLiteEventStore(path: storePath, configuration: .init(readOnly: true))
        let head = try store.headPosition()
        let page = try WorkshopEffects.page(.log(after: 0), in: store)

        let size = Size(width: 200, height: 60)
        let model = try Self.model(paths: paths, page: page, size: size)
        let frame = Self.median(frames) { _ = App.view(model) }
        let baseline = Self.median(frames) {
            var grid = Grid(size: size)
            grid.fill(grid.area, with: Cell(" "))
            _ = grid
        }
        let report = Report(events: head, frameMilliseconds: frame, baselineMilliseconds: baseline, rssMegabytes: Self.residentMegabytes())
        if json {
            try Console.json(report)
        } else {
            Console.line(String(format: "exercise screen 200x60, Streams on %d events: %.3f ms a frame (median of %d)", head, frame, frames))
            Console.line(String(format: "baseline, filling an empty 200x60 grid:       %.3f ms (ratio %.1f)", baseline, frame / max(baseline, 1e-9)))
            Console.line(String(format: "resident memory with the store open:          %.1f MB", report.rssMegabytes))
        }
    }

    /// The sample store when it is big enough, else a seeded temporary one.
    private func prepareStore(_ paths: ProjectPaths?) throws -> (String, URL?) {
        if let paths, FileManager.default.fileExists(atPath: paths.sampleStore.path),
           let store = try? SQLiteEventStore(path: paths.sampleStore.path, configuration: .init(readOnly: true)),
           (try? store.headPosition()).map({ $0 >= Int64(events) }) == true {
            return (paths.sampleStore.path, nil)
        }
        let folder = FileManager.default.temporaryDirectory.appending(path: "workshop-bench-tui-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if !json { Console.error("seeding a temporary store of \(events) events…") }
        _ = try SampleStoreSeeder(events: events).seed(path: folder.appending(path: "sample.sqlite").path)
        return (folder.appending(path: "sample.sqlite").path, folder)
    }

    /// The exercise screen of the first exercise, its instructions loaded, the Streams pane
    /// focused and browsing `page`.
    private static func model(paths: ProjectPaths?, page: StorePage, size: Size) throws -> Model {
        let catalog = try paths.flatMap { try? Catalog.load(from: $0.manifest) } ?? Catalog(
            stages: [Stage(id: "modelling", title: "Modelling")],
            exercises: [Exercise(id: "facts", stage: "modelling", title: "Facts, not updates", module: "Facts",
                                 files: ["Sources/Facts/GuestStay.swift"], instructions: "Instructions/facts.md", hints: [])])
        var model = Model(catalog: catalog, size: size)
        _ = App.start(&model)
        let instructions = paths.flatMap { paths in
            model.current.flatMap { try? String(contentsOf: paths.exercises.appending(path: $0.instructions), encoding: .utf8) }
        } ?? "# Facts, not updates\n\nAn event is a **fact**."
        _ = App.update(&model, .instructionsLoaded(exercise: model.currentID, text: instructions))
        _ = App.update(&model, .intent(.browseStore))
        _ = App.update(&model, .storePageLoaded(page))
        return model
    }

    /// The median wall time of `body` in milliseconds, after a few untimed warm-up runs.
    private static func median(_ runs: Int, _ body: () -> Void) -> Double {
        for _ in 0..<3 { body() }
        let clock = ContinuousClock()
        var times: [Double] = []
        for _ in 0..<runs {
            let elapsed = clock.measure(body)
            times.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
        }
        times.sort()
        return times[times.count / 2]
    }

    /// VmRSS from /proc/self/status, in MB (0 where there is no /proc).
    private static func residentMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kilobytes / 1024
    }

    struct Report: Encodable {
        var events: Int64
        var frameMilliseconds: Double
        var baselineMilliseconds: Double
        var rssMegabytes: Double

        enum CodingKeys: String, CodingKey {
            case events
            case frameMilliseconds = "frame_ms_median"
            case baselineMilliseconds = "baseline_frame_ms_median"
            case rssMegabytes = "rss_mb"
            case ratio
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(events, forKey: .events)
            try container.encode(frameMilliseconds, forKey: .frameMilliseconds)
            try container.encode(baselineMilliseconds, forKey: .baselineMilliseconds)
            try container.encode(rssMegabytes, forKey: .rssMegabytes)
            try container.encode(frameMilliseconds / max(baselineMilliseconds, 1e-9), forKey: .ratio)
        }
    }
}
