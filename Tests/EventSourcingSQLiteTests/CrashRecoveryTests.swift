import EventSourcing
import EventSourcingSQLite
import Foundation
import GRDB
import Testing

/// A writer killed with SIGKILL at any moment loses nothing it acknowledged and leaves no half
/// batch, no stray outbox message and no checkpoint ahead of its read model.
@Suite struct CrashRecoveryTests {
    struct Acknowledged: Hashable {
        let position: Int64
        let streamID: String
    }

    @Test func killedWriterLosesNothingItAcknowledgedAndLeavesNoHalfBatch() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("crash.sqlite")
        var acknowledged: [Acknowledged] = []
        var awaited = 0
        for trial in 0..<24 {
            let child = try StoreCrashChild("append", path: path)
            // Kill after a varying number of acknowledgements, so the kill lands in every
            // phase: mid-append, mid-projection, between the two.
            let wanted = 1 + trial % 5
            awaited += wanted
            var seen = 0
            while seen < wanted, let line = child.nextLine() {
                if let ack = Self.parse(line) {
                    acknowledged.append(ack)
                    seen += 1
                }
            }
            #expect(seen == wanted, "trial \(trial): the child stopped before acknowledging \(wanted) batches")
            child.kill()
            // Lines already in the pipe were acknowledged before the kill: they count too.
            while let line = child.nextLine() {
                if let ack = Self.parse(line) { acknowledged.append(ack) }
            }
            try verify(path: path, acknowledged: acknowledged, trial: trial)
        }
        #expect(acknowledged.count >= awaited)
    }

    static func parse(_ line: String) -> Acknowledged? {
        let parts = line.split(separator: " ")
        guard parts.count == 3, parts[0] == "ack", let position = Int64(parts[1]) else { return nil }
        return Acknowledged(position: position, streamID: String(parts[2]))
    }

    private func verify(path: String, acknowledged: [Acknowledged], trial: Int) throws {
        let store = try SQLiteEventStore(path: path)
        let integrity = try store.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
        #expect(integrity == ["ok"], "trial \(trial)")

        var events: [RecordedEvent] = []
        var after: Int64 = 0
        while true {
            let page = try store.readAll(after: after, limit: 1000)
            guard let last = page.last else { break }
            events += page
            after = last.position
        }
        let byPosition = Dictionary(uniqueKeysWithValues: events.map { ($0.position, $0) })
        for ack in acknowledged {
            #expect(byPosition[ack.position]?.streamID == ack.streamID, "trial \(trial): acknowledged \(ack) is missing")
        }

        // All or nothing: every batch stream holds exactly its 10 events.
        let streams = Dictionary(grouping: events, by: \.streamID)
        for (streamID, batch) in streams {
            #expect(batch.map(\.streamVersion) == Array(1...10), "trial \(trial): \(streamID) is a partial batch")
        }

        // The outbox holds exactly one message per committed batch, pointing at its last event.
        let outbox = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT message_id, created_position FROM outbox").map {
                (id: $0["message_id"] as String, position: $0["created_position"] as Int64)
            }
        }
        #expect(Set(outbox.map(\.id)) == Set(streams.keys), "trial \(trial): outbox and batches differ")
        #expect(outbox.count == streams.count, "trial \(trial): an outbox message was written twice")
        for message in outbox {
            #expect(streams[message.id]?.last?.position == message.position, "trial \(trial): \(message.id)")
        }

        // The projection's checkpoint is never beyond the log, and its rows cover exactly the
        // events up to the checkpoint.
        let checkpoint = try store.read { try Int64.fetchOne($0, sql: "SELECT position FROM checkpoints WHERE name = 'crash_counts'") } ?? 0
        #expect(checkpoint <= (events.last?.position ?? 0), "trial \(trial): checkpoint beyond the last event")
        let counted = try store.read { db -> Int in
            guard try db.tableExists("crash_counts") else { return 0 }
            return try Int.fetchOne(db, sql: "SELECT coalesce(sum(events), 0) FROM crash_counts") ?? 0
        }
        #expect(counted == events.filter { $0.position <= checkpoint }.count, "trial \(trial): read model and checkpoint disagree")
    }
}
