import EventSourcing
import EventSourcingSQLite
import Foundation
import Synchronization
import Testing

/// Optimistic concurrency across connections: many writers race on one stream, and every
/// append either lands at the next version or is refused with a conflict.
@Suite struct ConcurrentWritersTests {
    struct Tally {
        var successes = 0
        var conflicts = 0
        var unexpected: [String] = []
    }

    /// Shared by the writer threads (a Mutex cannot be captured by an escaping closure).
    final class SharedTally: Sendable {
        let tally = Mutex(Tally())
        func withLock<T>(_ body: (inout Tally) -> T) -> T { tally.withLock { body(&$0) } }
    }

    @Test func writersOnSeparateConnectionsNeverSkipOrDuplicateAVersion() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("race.sqlite")
        let writers = 4
        let attempts = 250
        // One store per writer: separate SQLite connections to one file, like separate processes.
        let stores = try (0..<writers).map { _ in try SQLiteEventStore(path: path) }
        let tally = SharedTally()
        let done = DispatchGroup()
        for (writer, store) in stores.enumerated() {
            done.enter()
            let thread = Thread {
                defer { done.leave() }
                for attempt in 0..<attempts {
                    do {
                        let state = try store.streamState("room_availability-double-2026-12-24")
                        // The pause between read and write is the race window under test.
                        usleep(UInt32(50 + (attempt * 37 + writer * 11) % 200))
                        let event = EventData(eventType: "RoomHeld", data: Data(#"{"writer":\#(writer),"attempt":\#(attempt)}"#.utf8))
                        try store.append(to: "room_availability-double-2026-12-24", expected: .exact(state.version),
                                         events: [event])
                        tally.withLock { $0.successes += 1 }
                    } catch let conflict as WrongExpectedVersion {
                        tally.withLock { tally in
                            if conflict.streamID == "room_availability-double-2026-12-24" { tally.conflicts += 1 } else { tally.unexpected.append("\(conflict)") }
                        }
                    } catch {
                        tally.withLock { $0.unexpected.append("\(error)") }
                    }
                }
            }
            thread.start()
        }
        done.wait()

        let result = tally.withLock { $0 }
        #expect(result.unexpected.isEmpty, "\(result.unexpected.count) unexpected errors, first: \(result.unexpected.first ?? "")")
        #expect(result.successes + result.conflicts == writers * attempts)
        #expect(result.conflicts > 0, "the writers never collided: the test did not test anything")

        let stream = try stores[0].readStream("room_availability-double-2026-12-24")
        #expect(stream.count == result.successes, "successes and rows written differ")
        #expect(stream.map(\.streamVersion) == Array((0..<Int64(stream.count)).map { $0 + 1 }), "versions are not contiguous from 1")
        let log = try stores[0].readAll(after: 0, limit: Int.max)
        #expect(log.map(\.streamVersion) == stream.map(\.streamVersion), "global order differs from version order")
        #expect(log.map(\.position) == log.map(\.position).sorted())
    }
}
