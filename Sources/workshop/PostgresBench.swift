import Foundation
#if Postgres
import EventSourcingPostgres
#endif

/// `bench store --store postgres://…`, present only in a build with the `Postgres` trait.
enum PostgresBench {
    static func run(url: String, events: Int, json: Bool) throws {
        #if Postgres
        let benchmark = PostgresStoreBenchmark(url: try PostgresStoreURL(url), events: events)
        let report = try benchmark.run { name in
            if !json { FileHandle.standardError.write(Data("running \(name)…\n".utf8)) }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print("PostgreSQL store benchmark on \(report.store): \(report.events) events per append operation")
            for operation in report.operations {
                print("\(operation.name.padding(toLength: 14, withPad: " ", startingAt: 0)) store \(Int(operation.eventsPerSecond)) ev/s, plain SQL \(Int(operation.baselineEventsPerSecond)) ev/s, ratio \(String(format: "%.2f", operation.ratio))")
            }
        }
        #else
        throw WorkshopFailure.usage("This workshop was built without PostgreSQL support: build it with `make postgres` (swift build --traits Postgres), then run the same command again.")
        #endif
    }
}
