#if Postgres
import EventSourcing
import EventSourcingPostgres
import Foundation
import PostgresNIO
import Synchronization
import Testing

extension PostgresTests {
/// The global log never skips: positions from a sequence commit out of order, and a reader
/// tailing the log must not step past a position that can still commit.
@Suite struct GlobalLogGapTests {
    /// A small deterministic generator (SplitMix64), so a failing run can be repeated.
    struct SeededRandom: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func aReaderTailingTheLogSeesEveryEventOnceWhileEightWritersHoldTransactionsOpen() throws {
        let url = try PostgresTestDatabase.freshURL()
        let store = try PostgresEventStore(url: url)
        let writers = 8
        let eventsPerWriter = 2_560  // 20 480 in all
        let finished = Atomic<Int>(0)

        // A naive reader beside the real one: it reads the table by position alone, as a
        // store built on a plain sequence would, and counts what it never sees.
        let naiveSeen = Mutex<[Int64]>([])

        let writerThreads = (0..<writers).map { writer in
            Thread {
                var random = SeededRandom(state: 0x5EED_0000 + UInt64(writer))
                var written = 0
                while written < eventsPerWriter {
                    let count = min(eventsPerWriter - written, Int.random(in: 1...4, using: &random))
                    let stream = "gap-\(writer)-\(Int.random(in: 0..<40, using: &random))"
                    let events = (0..<count).map { index in
                        EventData(eventType: "Written", data: Data(#"{"w":\#(writer),"n":\#(written + index)}"#.utf8))
                    }
                    // Hold the transaction open for 0–3 ms with its positions taken: exactly the
                    // window in which a later position can commit first.
                    let hold = Double(Int.random(in: 0...3, using: &random)) / 1_000
                    do {
                        _ = try store.appendBatch([(streamID: stream, expected: .any, events: events)], whileOpen: {
                            if hold > 0 { Thread.sleep(forTimeInterval: hold) }
                        })
                    } catch {
                        Issue.record("writer \(writer): \(error)")
                        break
                    }
                    written += count
                }
                finished.add(1, ordering: .sequentiallyConsistent)
            }
        }

        let naive = try PostgresEventStore(url: url)
        // The log's final end, once the real reader has reached it (0 until then).
        let finalHead = Atomic<Int64>(0)
        let naiveFinished = DispatchSemaphore(value: 0)
        let naiveThread = Thread {
            defer { naiveFinished.signal() }
            var after: Int64 = 0
            while true {
                let end = finalHead.load(ordering: .sequentiallyConsistent)
                if end > 0 && after >= end { return }
                do {
                    let positions = try naive.withConnection { connection in
                        try connection.query("SELECT position FROM events WHERE position > \(after) ORDER BY position LIMIT 1000",
                                             logger: .init(label: "naive")).wait().rows.map { try $0.decode(Int64.self) }
                    }
                    if let last = positions.last { after = last }
                    naiveSeen.withLock { $0 += positions }
                } catch {
                    Issue.record("naive reader: \(error)")
                    return
                }
            }
        }

        for thread in writerThreads { thread.start() }
        naiveThread.start()

        // The reader under test, on this thread: tail until the writers are done and the log's
        // end is reached.
        var after: Int64 = 0
        var seen: [Int64] = []
        while true {
            let writersDone = finished.load(ordering: .sequentiallyConsistent) == writers
            let page = try store.readAll(after: after, limit: 500)
            seen += page.map(\.position)
            if let last = page.last { after = last.position }
            if try writersDone && page.isEmpty && after == store.headPosition() { break }
        }
        finalHead.store(after, ordering: .sequentiallyConsistent)
        naiveFinished.wait()

        let log = try store.readAll(after: 0, limit: Int.max).map(\.position)
        #expect(log.count == writers * eventsPerWriter)
        #expect(seen.count == log.count, "the reader saw \(seen.count) of \(log.count) events")
        #expect(seen == log, "the reader's sequence differs from the final log")
        #expect(Set(seen).count == seen.count, "the reader saw an event twice")
        // The workload really reorders commits: the naive reader, tailing by position alone,
        // skipped events that committed after a higher position (the bug this store avoids).
        let naiveMissed = Set(log).subtracting(naiveSeen.withLock { $0 }).count
        #expect(naiveMissed > 0, "the writers never committed out of order, so this run proved nothing")
    }
}
}
#endif
