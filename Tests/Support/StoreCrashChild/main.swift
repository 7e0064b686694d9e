// A child process for the SQLite store's process tests (Tests/EventSourcingSQLiteTests).
//
//   store-crash-child append PATH      appends batches of 10 events, each with an outbox message,
//                                      catches a projection up after each, and prints
//                                      "ack POSITION STREAM" once a batch has committed; runs
//                                      until it is killed (the test kills it with SIGKILL).
//   store-crash-child hold-lock PATH   takes the write lock (BEGIN IMMEDIATE), prints "locked",
//                                      and keeps it until its stdin closes.
//   store-crash-child open PATH        prints "ready", waits for a line on stdin (so that many
//                                      children open at the same moment), opens the store,
//                                      appends one event to its own stream and prints "opened"
//                                      (or "error: SENTENCE" and exits 1).
//   store-crash-child probe PATH [read-only] [as-nobody]
//                                      opens the store (read-only if asked; as user nobody when
//                                      run as root, so permissions bite), reads every event,
//                                      tries one append, and prints "read N" and "append ok" or
//                                      "error: SENTENCE" for each step.
//   store-crash-child fill PATH        appends 64 KiB events until the store refuses one; prints
//                                      "acked N", then "error: SENTENCE" and "read N" once it
//                                      has read the stream back. For a tiny file system.
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

/// Opens at the parent's signal, for the open race: every child is started and ready first.
func openTogether(path: String) -> Never {
    say("ready")
    _ = readLine()
    do {
        let store = try SQLiteEventStore(path: path)
        try store.append(to: "opener-\(getpid())", expected: .noStream,
                         events: [EventData(eventType: "StoreOpened", data: Data("{}".utf8))])
        say("opened")
        exit(0)
    } catch {
        say("error: \(error)")
        exit(1)
    }
}

/// One line per step, so the parent sees how far a store got as this user.
func probe(path: String, options: Set<String>) -> Never {
    if options.contains("as-nobody"), getuid() == 0 {
        // 65534 is `nobody` on Debian and most Linux systems.
        guard setgroups(0, nil) == 0, setgid(65534) == 0, setuid(65534) == 0 else { fail("cannot become nobody") }
    }
    let store: SQLiteEventStore
    do {
        store = try SQLiteEventStore(path: path, configuration: .init(readOnly: options.contains("read-only")))
    } catch {
        say("error: \(error)")
        exit(1)
    }
    do {
        say("read \(try store.readAll(after: 0, limit: Int.max).count)")
    } catch {
        say("error: \(error)")
    }
    do {
        try store.append(to: "probe", events: [EventData(eventType: "Probed", data: Data("{}".utf8))])
        say("append ok")
    } catch {
        say("error: \(error)")
    }
    exit(0)
}

/// Appends until the store refuses; then checks that everything acknowledged reads back.
func fill(path: String) -> Never {
    var acked = 0
    do {
        let store = try SQLiteEventStore(path: path)
        let payload = Data(#"{"padding":"\#(String(repeating: "x", count: 64 * 1024))"}"#.utf8)
        do {
            while true {
                try store.append(to: "fill", events: [EventData(eventType: "Filled", data: payload)])
                acked += 1
            }
        } catch {
            say("acked \(acked)")
            say("error: \(error)")
        }
        say("read \(try store.readStream("fill").count)")
        exit(0)
    } catch {
        say("acked \(acked)")
        say("error: \(error)")
        exit(1)
    }
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 2 else {
    fail("usage: store-crash-child append|hold-lock|open|probe|fill PATH [options]")
}
let mode = arguments[0], path = arguments[1]
do {
    switch mode {
    case "append": try appendForever(path: path)
    case "hold-lock": try holdLock(path: path)
    case "open": openTogether(path: path)
    case "probe": probe(path: path, options: Set(arguments.dropFirst(2)))
    case "fill": fill(path: path)
    default: fail("unknown mode '\(mode)'")
    }
} catch {
    fail("\(error)")
}
