#if Postgres
import EventSourcing
import EventSourcingPostgres
import Foundation
import PostgresTestCluster
import Synchronization
import Testing

extension PostgresTests {
/// Crashes on either side: what was acknowledged stays, nothing is half-written, and retrying
/// the same event ids neither duplicates nor loses.
@Suite struct PostgresFaultTests {
    /// The invariants after any crash: every stream whole (5 events, versions 1–5), one outbox
    /// message per stream pointing at its last event, the projection's checkpoint not beyond
    /// the head and its rows matching its checkpoint.
    func expectConsistent(_ store: PostgresEventStore, acknowledged: Set<String>, projection: Bool) throws {
        let log = try store.readAll(after: 0, limit: Int.max)
        let streams = Dictionary(grouping: log, by: \.streamID)
        let missing = acknowledged.subtracting(streams.keys)
        #expect(missing.isEmpty, "acknowledged but not stored: \(missing.sorted().prefix(5))")
        for (stream, events) in streams {
            #expect(events.map(\.streamVersion) == [1, 2, 3, 4, 5], "stream \(stream) is not whole")
        }
        let outbox = try store.pendingOutbox(limit: Int.max)
        #expect(Set(outbox.map(\.message.messageID)) == Set(streams.keys), "outbox messages and streams differ")
        #expect(outbox.count == streams.count, "an outbox message was stored twice")
        let lastPositions = try store.withConnection { connection in
            try connection.query("SELECT message_id, created_position FROM outbox", logger: .init(label: "test")).wait()
                .rows.map { try $0.decode((String, Int64).self) }
        }
        for (messageID, position) in lastPositions {
            #expect(streams[messageID]?.last?.position == position, "outbox message \(messageID) points elsewhere")
        }
        guard projection else { return }
        let head = try store.headPosition()
        let (checkpoint, counted) = try store.withConnection { connection in
            let checkpoint = try connection.query("SELECT coalesce(max(position), 0) FROM checkpoints WHERE name = 'crash_counts'",
                                                  logger: .init(label: "test")).wait().rows.first?.decode(Int64.self) ?? 0
            let counted = try connection.query("SELECT coalesce(sum(events), 0)::bigint FROM crash_counts", logger: .init(label: "test"))
                .wait().rows.first?.decode(Int64.self) ?? 0
            return (checkpoint, counted)
        }
        #expect(checkpoint <= head, "checkpoint \(checkpoint) beyond the head \(head)")
        #expect(counted == Int64(log.filter { $0.position <= checkpoint }.count), "projection rows do not match its checkpoint")
    }

    @Test func killingTheClientDuringAppendsLosesNothingAcknowledgedAndLeavesNoHalfBatch() throws {
        let url = try PostgresTestDatabase.freshURL()
        let store = try PostgresEventStore(url: url)
        var random = GlobalLogGapTests.SeededRandom(state: 0xDEAD)
        var acknowledged = Set<String>()
        for trial in 1...20 {
            let child = try ChildProcess("postgres-crash-child", arguments: ["\(trial)"], environment: ["CRASH_CHILD_STORE": url.withPassword])
            let acks = Int.random(in: 1...6, using: &random)
            for _ in 0..<acks {
                guard let line = child.nextLine() else {
                    Issue.record("trial \(trial): the child ended before \(acks) acknowledgements")
                    break
                }
                let parts = line.split(separator: " ")
                if parts.count == 3, parts[0] == "ack" { acknowledged.insert(String(parts[2])) }
            }
            child.kill()
        }
        #expect(acknowledged.count >= 20)
        try expectConsistent(store, acknowledged: acknowledged, projection: true)
    }

    @Test func stoppingTheServerImmediatelyDuringAppendsLosesNothingAndRetriesNeverDuplicate() throws {
        let cluster = try PostgresTestCluster.start()
        defer { cluster.remove() }
        let url = try PostgresStoreURL(try cluster.createDatabase())
        let store = try PostgresEventStore(url: url, connectTimeout: .seconds(2))
        let acknowledged = Mutex<[String]>([])
        let errors = Mutex<[PostgresEventStoreError]>([])
        let stop = Atomic<Bool>(false)
        let writerDone = DispatchSemaphore(value: 0)

        // The writer: appends with planned event ids; on a failure it retries the very same
        // append (same ids) until the server answers.
        Thread {
            defer { writerDone.signal() }
            var batch = 0
            while !stop.load(ordering: .sequentiallyConsistent) {
                batch += 1
                let stream = "stay-\(batch)"
                let events = (1...5).map { _ in EventData(eventType: "E", data: Data(stream.utf8)) }
                let outbox = [OutboxMessage(messageID: stream, destination: "d", messageType: "T", payload: Data())]
                while true {
                    do {
                        let result = try store.append(to: stream, expected: .noStream, events: events, outbox: outbox)
                        if result.positions.count != 5 { Issue.record("\(stream): \(result)") }
                        acknowledged.withLock { $0.append(stream) }
                        break
                    } catch let error as PostgresEventStoreError {
                        errors.withLock { $0.append(error) }
                        if stop.load(ordering: .sequentiallyConsistent) { return }
                        Thread.sleep(forTimeInterval: 0.01)  // a retry's back-off while the server restarts
                    } catch {
                        Issue.record("\(stream): unexpected \(type(of: error)): \(error)")
                        return
                    }
                }
            }
        }.start()

        var random = GlobalLogGapTests.SeededRandom(state: 0xBEEF)
        for _ in 1...10 {
            // Let the writer get some appends through, then pull the plug mid-stream.
            let target = acknowledged.withLock { $0.count } + Int.random(in: 2...6, using: &random)
            while acknowledged.withLock({ $0.count }) < target { Thread.sleep(forTimeInterval: 0.005) }
            try cluster.stop(.immediate)
            try cluster.startServer()
        }
        let target = acknowledged.withLock { $0.count } + 3
        while acknowledged.withLock({ $0.count }) < target { Thread.sleep(forTimeInterval: 0.005) }
        stop.store(true, ordering: .sequentiallyConsistent)
        writerDone.wait()

        let acked = acknowledged.withLock { $0 }
        #expect(Set(acked).count == acked.count)
        try expectConsistent(store, acknowledged: Set(acked), projection: false)
        let seen = errors.withLock { $0 }
        #expect(!seen.isEmpty, "the writer never noticed the server going away")
        for error in seen {
            #expect([.connectionLost, .unreachable].contains(error.kind), "\(error)")
            #expect(error.description.hasSuffix("."), "not a sentence: \(error)")
        }
        #expect(seen.contains { $0.kind == .connectionLost && $0.description.contains("same event ids") },
                "no append was cut off mid-flight with the retry advice")
    }
}
}
#endif
