import EventSourcing
@testable import EventSourcingSQLite
import Foundation
import GRDB
import Testing

/// Archiving moves whole streams to a cold store and nothing else changes for the rest of the
/// log; multi-stream batches land together or not at all.
@Suite struct ArchiveTests {
    let directory: TemporaryDirectory
    let store: SQLiteEventStore
    let cold: String

    /// Four stays of 3 events each, interleaved in the global log, so archiving some leaves
    /// gaps between the others' positions.
    init() throws {
        directory = try TemporaryDirectory()
        let fixed = Date(timeIntervalSince1970: 1_750_000_000)
        store = try SQLiteEventStore(path: directory.file("hot.sqlite"), configuration: .init(clock: { fixed }))
        cold = directory.file("cold.sqlite")
        for round in 1...3 {
            for stay in 1...4 {
                try store.append(to: "guest_stay-\(stay)", expected: round == 1 ? .noStream : .exact(Int64(round - 1)),
                                 events: [event("stay \(stay) event \(round)")])
            }
        }
    }

    func event(_ tag: String) -> EventData {
        EventData(eventType: "ChargeRecorded", data: Data(#"{"tag":"\#(tag)"}"#.utf8),
                  metadata: EventMetadata(correlationID: "flow-\(tag)", causationID: "cause-\(tag)"))
    }

    func hotCount() throws -> Int {
        try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM events") ?? 0 }
    }

    @Test func archiveMovesTheEventsAndShrinksTheHotLog() throws {
        let head = try store.headPosition()
        let result = try store.archive(streams: ["guest_stay-1", "guest_stay-3"], to: cold)

        #expect(result.archived.map(\.streamID) == ["guest_stay-1", "guest_stay-3"])
        #expect(result.eventsMoved == 6)
        #expect(result.archived.map(\.lastVersion) == [3, 3])
        #expect(result.archived.map(\.lastPosition) == [9, 11])
        #expect(try hotCount() == 6)
        #expect(try store.readStream("guest_stay-1").isEmpty)
        #expect(try store.readStream("guest_stay-2").count == 3)
        // Positions are never handed out again, even though the newest rows may be gone.
        #expect(try store.headPosition() == head)
        let next = try store.append(to: "guest_stay-5", expected: .noStream, events: [event("new")])
        #expect(next.positions == [head + 1])

        let record = try #require(try store.archivedStream("guest_stay-3"))
        #expect(record.eventCount == 3)
        #expect(record.archivedAt == Date(timeIntervalSince1970: 1_750_000_000))
        #expect(record.coldStorePath == cold)
        #expect(try store.isArchived("guest_stay-1"))
        #expect(try !store.isArchived("guest_stay-2"))
        #expect(try store.archivedStreams().map(\.streamID) == ["guest_stay-1", "guest_stay-3"])
        // The stream is not "new": its state stays at the last version it reached.
        #expect(try store.streamState("guest_stay-1") == .exists(version: 3))
    }

    @Test func theGlobalLogAndProjectionsSkipArchivedStreams() throws {
        try store.archive(streams: ["guest_stay-2", "guest_stay-4"], to: cold)

        let all = try store.readAll(after: 0, limit: 100)
        #expect(Set(all.map(\.streamID)) == ["guest_stay-1", "guest_stay-3"])
        #expect(all.map(\.position) == [1, 3, 5, 7, 9, 11])
        // Paging across the gaps loses nothing.
        var paged: [Int64] = []
        var after: Int64 = 0
        while case let page = try store.readAll(after: after, limit: 1), let last = page.last {
            paged.append(last.position)
            after = last.position
        }
        #expect(paged == all.map(\.position))

        let perStream = InMemoryProjection(name: "per_stream", handles: ["ChargeRecorded"], initial: [String: Int]()) {
            $0[$1.streamID, default: 0] += 1
        }
        let progress = try ProjectionRunner(store: store, batchSize: 4).catchUp(perStream)
        #expect(perStream.readModel == ["guest_stay-1": 3, "guest_stay-3": 3])
        #expect(progress.checkpoint == 11)
    }

    @Test func archivedEventsAreReadableOnRequestAndEqualTheOriginals() throws {
        let originals = try store.readStream("guest_stay-2")
        try store.archive(streams: ["guest_stay-2"], to: cold)

        #expect(try store.readArchivedStream("guest_stay-2") == originals)
        // The cold file is an event store of its own, readable with the ordinary API too.
        let coldStore = try SQLiteEventStore(path: cold, configuration: .init(readOnly: true))
        #expect(try coldStore.readStream("guest_stay-2") == originals)
        // Not archived: nothing to read on request (the hot log still has it).
        #expect(try store.readArchivedStream("guest_stay-1").isEmpty)
        // The cold file moved: read it where it is now.
        let moved = directory.file("moved.sqlite")
        try FileManager.default.moveItem(atPath: cold, toPath: moved)
        #expect(try store.readArchivedStream("guest_stay-2", coldStorePath: moved) == originals)
    }

    @Test func archivingTwiceDoesNothing() throws {
        let first = try store.archive(streams: ["guest_stay-1"], to: cold)
        let hotAfterFirst = try hotCount()
        let second = try store.archive(streams: ["guest_stay-1", "guest_stay-1", "nobody"], to: cold)

        #expect(first.archived.count == 1)
        #expect(second.archived.isEmpty)
        #expect(second.alreadyArchived == ["guest_stay-1"])
        #expect(second.notFound == ["nobody"])
        #expect(try hotCount() == hotAfterFirst)
        let coldRows = try DatabaseQueue(path: cold).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM events") }
        #expect(coldRows == 3)
        let records = try store.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM archived_streams") }
        #expect(records == 1)
    }

    @Test(arguments: [ExpectedVersion.any, .noStream, .exact(3), .streamExists])
    func appendingToAnArchivedStreamIsRefused(_ expected: ExpectedVersion) throws {
        try store.archive(streams: ["guest_stay-4"], to: cold)
        let error = #expect(throws: SQLiteEventStoreError.self) {
            try store.append(to: "guest_stay-4", expected: expected, events: [event("late")])
        }
        #expect(error?.isStreamArchived == true)
        #expect(error?.description.contains("Stream 'guest_stay-4'") == true)
        #expect(error?.description.contains("archived") == true)
        #expect(try store.readArchivedStream("guest_stay-4").count == 3)
        #expect(try hotCount() == 9)
    }

    @Test func anInvalidColdPathLeavesTheHotStoreUntouched() throws {
        let before = try store.readAll(after: 0, limit: 100)
        #expect(throws: (any Error).self) {
            try store.archive(streams: ["guest_stay-1"], to: directory.file("no/such/folder/cold.sqlite"))
        }
        #expect(try store.readAll(after: 0, limit: 100) == before)
        #expect(try !store.isArchived("guest_stay-1"))
        // The store's own file is refused too.
        let itself = #expect(throws: SQLiteEventStoreError.self) { try store.archive(streams: ["guest_stay-1"], to: store.path) }
        #expect(itself?.description.contains("into itself") == true)
        #expect(try store.readAll(after: 0, limit: 100) == before)
    }

    struct SimulatedCrash: Error {}

    @Test func aCrashBetweenCopyAndDeleteLosesNothingAndArchivingAgainCompletes() throws {
        let originals = try store.readStream("guest_stay-1")
        #expect(throws: SimulatedCrash.self) {
            try store.archive(streams: ["guest_stay-1"], to: cold, afterCopy: { throw SimulatedCrash() })
        }
        // The copy committed, the delete did not: both files hold the events, nothing is lost.
        #expect(try store.readStream("guest_stay-1") == originals)
        #expect(try !store.isArchived("guest_stay-1"))

        let again = try store.archive(streams: ["guest_stay-1"], to: cold)
        #expect(again.archived.map(\.eventCount) == [3])
        #expect(try store.readArchivedStream("guest_stay-1") == originals)
        let coldRows = try DatabaseQueue(path: cold).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM events") }
        #expect(coldRows == 3)
    }

    @Test func anAppendBetweenCopyAndDeleteIsCaughtAndArchivedOnTheRetry() throws {
        // Another connection: the hook runs on the archiving store's writer, which is not reentrant.
        let lateWriter = try SQLiteEventStore(path: store.path)
        var appended = false
        let result = try store.archive(streams: ["guest_stay-2"], to: cold, afterCopy: {
            // A late writer slips in once, between the copy and the delete.
            guard !appended else { return }
            appended = true
            try lateWriter.append(to: "guest_stay-2", expected: .exact(3), events: [event("late")])
        })
        #expect(result.archived.map(\.lastVersion) == [4])
        #expect(try store.readArchivedStream("guest_stay-2").count == 4)
        #expect(try store.readStream("guest_stay-2").isEmpty)
    }

    @Test func aColdStoreOfAnotherStoreIsRefused() throws {
        let other = try SQLiteEventStore(path: directory.file("other.sqlite"))
        try other.append(to: "guest_stay-1", events: [event("other")])
        try other.archive(streams: ["guest_stay-1"], to: cold)

        let error = #expect(throws: SQLiteEventStoreError.self) { try store.archive(streams: ["guest_stay-1"], to: cold) }
        #expect(error?.description.contains("belongs to another event store") == true)
        #expect(try store.readStream("guest_stay-1").count == 3)
    }

    @Test func migrationsAddTheArchiveTable() throws {
        let migrations = try store.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(migrations.last == "v2 archived streams")
        #expect(try store.read { try $0.tableExists("archived_streams") })
    }

    // MARK: appendBatch

    @Test func appendBatchWritesEveryStreamInOneTransaction() throws {
        let head = try store.headPosition()
        let results = try store.appendBatch([
            (streamID: "guest_stay-1", expected: .exact(3), events: [event("a"), event("b")]),
            (streamID: "guest_stay-9", expected: .noStream, events: [event("c")]),
            (streamID: "guest_stay-1", expected: .exact(5), events: [event("d")]),
        ])
        #expect(results == [
            AppendResult(nextExpectedVersion: 5, positions: [head + 1, head + 2]),
            AppendResult(nextExpectedVersion: 1, positions: [head + 3]),
            AppendResult(nextExpectedVersion: 6, positions: [head + 4]),
        ])
        #expect(try store.streamState("guest_stay-1") == .exists(version: 6))
    }

    @Test func appendBatchIsAllOrNothingOnAConflict() throws {
        let before = try store.readAll(after: 0, limit: 100)
        let error = #expect(throws: WrongExpectedVersion.self) {
            try store.appendBatch([
                (streamID: "guest_stay-1", expected: .exact(3), events: [event("a")]),
                (streamID: "guest_stay-7", expected: .noStream, events: [event("b")]),
                (streamID: "guest_stay-2", expected: .exact(2), events: [event("c")]),
            ])
        }
        #expect(error?.streamID == "guest_stay-2")
        #expect(try store.readAll(after: 0, limit: 100) == before)
        #expect(try store.streamState("guest_stay-7") == .noStream)
    }

    @Test func appendBatchRefusesAnArchivedStreamAndWritesNothing() throws {
        try store.archive(streams: ["guest_stay-3"], to: cold)
        let before = try hotCount()
        let error = #expect(throws: SQLiteEventStoreError.self) {
            try store.appendBatch([
                (streamID: "guest_stay-1", expected: .exact(3), events: [event("a")]),
                (streamID: "guest_stay-3", expected: .any, events: [event("b")]),
            ])
        }
        #expect(error?.isStreamArchived == true)
        #expect(try hotCount() == before)
    }

    @Test func aRepeatedBatchAnswersWithTheFirstResults() throws {
        let batch: [(streamID: String, expected: ExpectedVersion, events: [EventData])] = [
            (streamID: "guest_stay-1", expected: .exact(3), events: [event("a")]),
            (streamID: "guest_stay-8", expected: .noStream, events: [event("b"), event("c")]),
        ]
        let first = try store.appendBatch(batch)
        let again = try store.appendBatch(batch)
        #expect(again == first)
        #expect(try hotCount() == 15)
    }
}
