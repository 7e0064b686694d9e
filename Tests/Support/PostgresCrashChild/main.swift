// A child process for the PostgreSQL store's crash tests (Tests/EventSourcingPostgresTests).
//
//   postgres-crash-child RUN       appends batches of 5 events, each with an outbox message, to
//                                  streams "crash-RUN-N", catches a projection up after each,
//                                  and prints "ack POSITION STREAM" once a batch has committed;
//                                  runs until it is killed (the test kills it with SIGKILL).
//                                  The store's URL comes in $CRASH_CHILD_STORE (it holds a
//                                  password: never on the command line).
//
// Output goes through write(2) directly (FileHandle), never a buffered stdout: an "ack" the
// parent reads must have been acknowledged by the server.
#if Postgres
import EventSourcing
import EventSourcingPostgres
import Foundation

func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("postgres-crash-child: " + message + "\n").utf8))
    exit(2)
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count == 1, let url = ProcessInfo.processInfo.environment["CRASH_CHILD_STORE"] else {
    fail("usage: CRASH_CHILD_STORE=postgres://… postgres-crash-child RUN")
}
do {
    let store = try PostgresEventStore(url: PostgresStoreURL(url))
    let projection = try PostgresProjection(
        name: "crash_counts", store: store, handles: ["BatchEventAppended"],
        setUp: { try $0.query("CREATE TABLE IF NOT EXISTS crash_counts (stream_id text PRIMARY KEY, events integer NOT NULL)") },
        apply: { tx, event in
            try tx.query("""
                INSERT INTO crash_counts (stream_id, events) VALUES (\(event.streamID), 1)
                ON CONFLICT (stream_id) DO UPDATE SET events = crash_counts.events + 1
                """)
        },
        reset: { try $0.query("DELETE FROM crash_counts") })
    // A small batch size, so checkpoints often land in the middle of an append's events.
    let runner = ProjectionRunner(store: store, batchSize: 3)
    var batch = 0
    while true {
        batch += 1
        let streamID = "crash-\(arguments[0])-\(batch)"
        let events = (1...5).map { index in
            EventData(eventType: "BatchEventAppended", data: Data(#"{"batch":\#(batch),"index":\#(index)}"#.utf8))
        }
        let outbox = OutboxMessage(messageID: streamID, destination: "relay", messageType: "BatchAppended", payload: Data(streamID.utf8))
        let result = try store.append(to: streamID, expected: .noStream, events: events, outbox: [outbox])
        say("ack \(result.positions.last ?? 0) \(streamID)")
        try runner.catchUp(projection)
    }
} catch {
    fail("\(error)")
}
#else
import Foundation
FileHandle.standardError.write(Data("postgres-crash-child: built without the Postgres trait\n".utf8))
exit(2)
#endif
