// A child process for the SQLite store's process tests (Tests/EventSourcingSQLiteTests).
//
//   store-crash-child append PATH      appends batches of 10 events, each with an outbox message,
//                                      catches a projection up after each, and prints
//                                      "ack POSITION STREAM" once a batch has committed; runs
//                                      until it is killed (the test kills it with SIGKILL).
//   store-crash-child hold-lock PATH   takes the write lock (BEGIN IMMEDIATE), prints "locked",
//                                      and keeps it until its stdin closes.
//
// Output goes through write(2) directly (FileHandle), never a buffered stdout: an "ack" the
// parent reads must have been acknowledged by the store, and nothing acknowledged may sit in a
// buffer when the kill comes.
import EventSourcing
import EventSourcingSQLite
import Foundation
import GRDB

func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("store-crash-child: " + message + "\n").utf8))
    exit(2)
}

/// Counts events per stream: a read model whose rows must match its checkpoint exactly.
func countingProjection(_ store: SQLiteEventStore) throws -> SQLiteProjection<RecordedEvent> {
    try SQLiteProjection(
        name: "crash_counts", store: store, handles: ["BatchEventAppended"],
        setUp: { db in
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS crash_counts (stream_id TEXT PRIMARY KEY, events INTEGER NOT NULL)")
        },
        apply: { db, event in
            try db.execute(
                sql: """
                    INSERT INTO crash_counts (stream_id, events) VALUES (?, 1)
                    ON CONFLICT (stream_id) DO UPDATE SET events = events + 1
                    """,
                arguments: [event.streamID])
        },
        reset: { db in try db.execute(sql: "DELETE FROM crash_counts") })
}

func appendForever(path: String) throws -> Never {
    let store = try SQLiteEventStore(path: path)
    let projection = try countingProjection(store)
    // A small batch size, so checkpoints often land in the middle of an append's events.
    let runner = ProjectionRunner(store: store, batchSize: 7)
    let run = UUID().uuidString.prefix(8)
    var batch = 0
    while true {
        batch += 1
        let streamID = "batch-\(run)-\(batch)"
        let events = (1...10).map { index in
            EventData(eventType: "BatchEventAppended", data: Data(#"{"batch":\#(batch),"index":\#(index)}"#.utf8),
                      metadata: EventMetadata(correlationID: streamID))
        }
        let outbox = OutboxMessage(messageID: streamID, destination: "relay", messageType: "BatchAppended",
                                   payload: Data(#"{"stream":"\#(streamID)"}"#.utf8))
        let result = try store.append(to: streamID, expected: .noStream, events: events, outbox: [outbox])
        say("ack \(result.positions.last ?? 0) \(streamID)")
        try runner.catchUp(projection)
    }
}

func holdLock(path: String) throws {
    let queue = try DatabaseQueue(path: path)
    try queue.writeWithoutTransaction { db in
        try db.execute(sql: "BEGIN IMMEDIATE")
        say("locked")
        // Blocks until the parent closes our stdin (or dies).
        _ = FileHandle.standardInput.readDataToEndOfFile()
        try db.execute(sql: "COMMIT")
    }
}

let arguments = CommandLine.arguments.dropFirst()
guard arguments.count == 2, let mode = arguments.first, let path = arguments.last else {
    fail("usage: store-crash-child append|hold-lock PATH")
}
do {
    switch mode {
    case "append": try appendForever(path: path)
    case "hold-lock": try holdLock(path: path)
    default: fail("unknown mode '\(mode)'")
    }
} catch {
    fail("\(error)")
}
