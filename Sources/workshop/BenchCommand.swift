import ArgumentParser
import EventSourcingSQLite
import StoreBenchmarks
import Foundation

/// `workshop bench …`: performance checks, each measured against a baseline in the same run,
/// so a ratio (not a raw figure that depends on the machine) says whether something regressed.
///
/// Each benchmark is a sibling subcommand: `store` here; `feedback` and `tui` join the list.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure performance against a baseline run in the same process.",
        subcommands: [BenchStoreCommand.self, BenchFeedbackCommand.self, BenchTUICommand.self, BenchClassCommand.self]
    )
}

/// `workshop bench store [--events N] [--durability normal|full] [--json]`
struct BenchStoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "The SQLite event store against hand-written sqlite3 code on the same file.",
        discussion: """
            Times append_single, append_batch, read_stream, read_all and rebuild with the store and \
            with raw sqlite3 prepared statements, and prints each ratio (store / baseline). \
            Build with -c release for meaningful figures.
            """
    )

    @Option(help: "Events written by each append operation (the reads cover twice as many).")
    var events = StoreBenchmark.defaultEvents

    @Option(help: "normal (WAL, synchronous NORMAL) or full (synchronous FULL).")
    var durability: SQLiteEventStore.Durability = .normal

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    @Option(help: "sqlite (a temporary file, the default) or postgres://user[:password]@host[:port]/database (also $WORKSHOP_STORE): the benchmark works in a schema of its own there and drops it.")
    var store: String?

    func validate() throws {
        guard events >= 100 else { throw ValidationError("--events must be at least 100 (streams hold 100 events).") }
    }

    func run() throws {
        if let url = store ?? ProcessInfo.processInfo.environment["WORKSHOP_STORE"], url.hasPrefix("postgres") {
            try PostgresBench.run(url: url, events: events, json: json)
            return
        }
        let benchmark = StoreBenchmark(events: events, durability: durability)
        let report = try benchmark.run { name in
            if !json { FileHandle.standardError.write(Data("running \(name)…\n".utf8)) }
        }
        print(json ? try report.json() : report.table)
    }
}

extension SQLiteEventStore.Durability: ExpressibleByArgument {}
