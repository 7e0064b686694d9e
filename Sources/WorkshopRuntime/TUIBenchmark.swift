import EventSourcingSQLite
import Foundation
import TerminalUI
import WorkshopApp
import WorkshopKit

/// How long the exercise screen takes to render at 200x60 with the Streams pane browsing a
/// store of a million events, against filling an empty grid of the same size (the least any
/// frame costs); and the resident memory with that store open. `workshop bench tui` prints it.
public struct TUIBenchmark: Sendable {
    /// Events in the store the Streams pane browses.
    public var events: Int
    /// Frames timed for each median.
    public var frames: Int

    public init(events: Int, frames: Int) {
        self.events = events
        self.frames = frames
    }

    /// Runs it on the project's sample store when it is big enough, else on a seeded temporary
    /// one (removed afterwards); `log` hears what is being prepared.
    public func run(paths: ProjectPaths?, log: (String) -> Void) throws -> Report {
        let (storePath, temporary) = try prepareStore(paths, log: log)
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
        return Report(events: head, frameMilliseconds: frame, baselineMilliseconds: baseline, rssMegabytes: Self.residentMegabytes())
    }

    /// The sample store when it is big enough, else a seeded temporary one.
    private func prepareStore(_ paths: ProjectPaths?, log: (String) -> Void) throws -> (String, URL?) {
        if let paths, FileManager.default.fileExists(atPath: paths.sampleStore.path),
           let store = try? SQLiteEventStore(path: paths.sampleStore.path, configuration: .init(readOnly: true)),
           (try? store.headPosition()).map({ $0 >= Int64(events) }) == true {
            return (paths.sampleStore.path, nil)
        }
        let folder = FileManager.default.temporaryDirectory.appending(path: "workshop-bench-tui-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        log("seeding a temporary store of \(events) events…")
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

    /// The figures, encoded as `bench tui --json` prints them.
    public struct Report: Encodable, Sendable {
        public var events: Int64
        public var frameMilliseconds: Double
        public var baselineMilliseconds: Double
        public var rssMegabytes: Double

        enum CodingKeys: String, CodingKey {
            case events
            case frameMilliseconds = "frame_ms_median"
            case baselineMilliseconds = "baseline_frame_ms_median"
            case rssMegabytes = "rss_mb"
            case ratio
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(events, forKey: .events)
            try container.encode(frameMilliseconds, forKey: .frameMilliseconds)
            try container.encode(baselineMilliseconds, forKey: .baselineMilliseconds)
            try container.encode(rssMegabytes, forKey: .rssMegabytes)
            try container.encode(frameMilliseconds / max(baselineMilliseconds, 1e-9), forKey: .ratio)
        }
    }
}
