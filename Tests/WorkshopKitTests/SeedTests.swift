import EventSourcing
import EventSourcingSQLite
import Foundation
import Testing
@testable import WorkshopKit

/// The seeded hotel history: deterministic, realistic in shape, and stored exactly.
@Suite struct SeedTests {
    /// The first `count` events of a history, in append order, with their streams.
    func events(seed: UInt64, count: Int) -> [(stream: String, event: EventData)] {
        var history = HotelHistory(seed: seed, targetEvents: count)
        var events: [(stream: String, event: EventData)] = []
        while events.count < count {
            for segment in history.nextDay() {
                events += segment.events.map { (segment.streamID, $0) }
            }
        }
        return Array(events.prefix(count))
    }

    @Test func theSameSeedGivesTheSameEvents() {
        let first = events(seed: 7, count: 3_000), second = events(seed: 7, count: 3_000)
        #expect(first.map(\.stream) == second.map(\.stream))
        #expect(first.map(\.event) == second.map(\.event))
    }

    @Test func anotherSeedGivesAnotherHistory() {
        #expect(events(seed: 7, count: 500).map(\.event) != events(seed: 8, count: 500).map(\.event))
    }

    @Test func aYearMixesOlderAndNewerSchemaVersions() {
        let all = events(seed: 2026, count: 20_000).map(\.event)
        let checkIns = all.filter { $0.eventType == "GuestCheckedIn" }
        #expect(checkIns.contains { $0.schemaVersion == 1 })
        #expect(checkIns.contains { $0.schemaVersion == 2 })
        let charges = all.filter { $0.eventType == "ChargeRecorded" }.map { String(decoding: $0.data, as: UTF8.self) }
        #expect(charges.contains { !$0.contains("currency") })
        #expect(charges.contains { $0.contains("currency") })
        let types = Set(all.map(\.eventType))
        #expect(types.isSuperset(of: ["PaymentRecorded", "PaymentReceived", "GroupCheckoutInitiated", "GroupCheckoutCompleted",
                                      "RoomReserved", "ReservationCancelled", "GuestCheckoutFailed", "GuestCheckedOut"]))
    }

    @Test func everyEventCarriesCorrelationAndCausation() {
        let all = events(seed: 2026, count: 5_000).map(\.event)
        #expect(all.allSatisfy { $0.metadata.correlationID != nil && $0.metadata.causationID != nil })
        // A group checkout's stays are checked out in the group's flow, caused by its start.
        let initiated = all.filter { $0.eventType == "GroupCheckoutInitiated" }
        #expect(!initiated.isEmpty)
        for start in initiated {
            let caused = all.filter { $0.metadata.causationID == start.eventID.uuidString }
            #expect(caused.contains { $0.eventType == "GuestCheckedOut" })
            #expect(caused.allSatisfy { $0.metadata.correlationID == start.metadata.correlationID })
        }
    }

    @Test func theSeederWritesExactlyTheEventsAskedForWithContiguousStreamVersions() throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "seed-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appending(path: "sample.sqlite").path
        var reported: [Int] = []
        let summary = try SampleStoreSeeder(events: 2_345, seed: 11).seed(path: path) { reported.append($0) }
        #expect(summary.events == 2_345)
        #expect(reported.last == 2_345)

        let store = try SQLiteEventStore(path: path)
        let log = try store.readAll(after: 0, limit: Int.max)
        #expect(log.count == 2_345)
        #expect(Set(log.map(\.streamID)).count == summary.streams)
        var versions: [String: [Int64]] = [:]
        for event in log { versions[event.streamID, default: []].append(event.streamVersion) }
        for (stream, seen) in versions {
            #expect(seen == Array(1...Int64(seen.count)), "\(stream) has versions \(seen)")
        }
        // Same seed, same store: ids, data, metadata and recorded times included.
        let expected = events(seed: 11, count: 2_345)
        #expect(log.map(\.eventID) == expected.map(\.event.eventID))
        #expect(log.map(\.streamID) == expected.map(\.stream))
        #expect(log.first?.recordedAt ?? .distantPast >= HotelHistory.firstDay)

        // Seeding again replaces the store instead of adding to it.
        try SampleStoreSeeder(events: 100, seed: 11).seed(path: path)
        #expect(try SQLiteEventStore(path: path).headPosition() == 100)
    }

    /// Events of seed 2026 as `workshop seed --events 20000` wrote them before the seeder was
    /// made faster: a faster history must still be the same history, byte for byte (ids,
    /// zero-padded room numbers, dates, upper- and lower-case ids in the metadata).
    @Test func theHistoryIsTheOneSeededBefore() {
        let all = events(seed: 2026, count: 20_000)
        let pinned: [(position: Int, stream: String, id: String, type: String, version: Int, data: String, causation: String)] = [
            (1, "room_availability-suite-2025-02-18", "A4AE3D2C-8D29-4A39-A836-3CE3DB2D4849", "RoomTypeReserved", 1,
             #"{"roomType":"suite","date":"2025-02-18","reservationId":"r-1","at":"2025-01-01T08:00:00Z"}"#,
             "msg-55cba8d6-b3a3-436d-a6e0-d6dede7fa7e0"),
            (2, "reservation-r-1", "51956284-18A6-4B18-87DB-765408E69765", "RoomReserved", 1,
             #"{"reservationId":"r-1","guestId":"g-282","roomType":"suite","arrival":"2025-02-18","nights":10,"at":"2025-01-01T08:00:00Z"}"#,
             "msg-55cba8d6-b3a3-436d-a6e0-d6dede7fa7e0"),
            (1_416, "group_checkout-gc-1", "1F9DBBBB-5842-490E-9027-27587A02E2A9", "GroupCheckoutCompleted", 1,
             #"{"groupCheckoutId":"gc-1","completedCheckouts":["s-131","s-20"],"at":"2025-02-20T10:01:00Z"}"#,
             "5553C89B-C7A5-4D39-BDE5-4953893B26AD"),
            (5_476, "guest_stay-s-389", "9F77F281-9F6D-4A2C-B17C-E8F4B0359252", "GuestCheckedIn", 2,
             #"{"stayId":"s-389","guest":{"id":"g-476","name":"Quinn"},"roomNumber":"801","at":"2025-05-01T15:00:00Z"}"#,
             "msg-61c87aa5-0a54-4361-9a6b-2ecca7e6ff84"),
            (20_000, "guest_stay-s-2060", "F3F1BBB8-FAAA-4A36-A3ED-2E83553ECD19", "ChargeRecorded", 1,
             #"{"stayId":"s-2060","chargeId":"c-s-2060-7","amount":90,"currency":"USD","at":"2026-01-13T22:00:00Z"}"#,
             "msg-be6e0e13-eafd-41f5-be09-43c36249cfbb"),
        ]
        for expected in pinned {
            let (stream, event) = all[expected.position - 1]
            #expect(stream == expected.stream)
            #expect(event.eventID.uuidString == expected.id)
            #expect(event.eventType == expected.type)
            #expect(event.schemaVersion == expected.version)
            #expect(String(decoding: event.data, as: UTF8.self) == expected.data)
            #expect(event.metadata.causationID == expected.causation)
        }
    }

    /// The history's hand-written dates and ids against Foundation's, which they replace.
    @Test func historyTextWritesWhatFoundationWrites() {
        // Every seventh hour from 2024 to 2030, leap days included, at odd minutes and seconds.
        for hour in stride(from: 0, to: 7 * 366 * 24, by: 7) {
            let date = Date(timeIntervalSince1970: 1_704_067_200 + Double(hour * 3_600 + hour % 3_600))
            #expect(HistoryText.quotedISO8601(date) == "\"" + JSONCoding.iso8601(date) + "\"")
        }
        for day in stride(from: 0, to: 30_000, by: 13) {
            let midnight = Date(timeIntervalSince1970: Double(day * 86_400))
            #expect(HistoryText.date(daysSince1970: day) == String(JSONCoding.iso8601(midnight).prefix(10)))
        }
        // Outside the fast path, Foundation writes it.
        let fractional = Date(timeIntervalSince1970: 1_735_689_600.25)
        #expect(HistoryText.quotedISO8601(fractional) == "\"" + JSONCoding.iso8601(fractional) + "\"")
        var random = SplitMix64(seed: 5)
        for _ in 0..<1_000 {
            let id = random.uuid()
            #expect(HistoryText.uuid(id) == id.uuidString)
            #expect(HistoryText.uuid(id, prefix: "msg-", lowercase: true) == "msg-" + id.uuidString.lowercased())
        }
    }

    /// `recorded_at` is the simulated time of each transaction's first segment: a transaction is
    /// at most 64 segments of one day. Generating ahead on another thread must not move a cut.
    @Test func eachTransactionIsStampedWithItsFirstSegmentsTime() throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "seed-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appending(path: "sample.sqlite").path
        try SampleStoreSeeder(events: 3_000, seed: 5).seed(path: path)

        var history = HotelHistory(seed: 5, targetEvents: 3_000)
        var expected: [Date] = []
        while expected.count < 3_000 {
            let day = history.nextDay()
            for (index, segment) in day.enumerated() {
                let first = day[index / SampleStoreSeeder.segmentsPerTransaction * SampleStoreSeeder.segmentsPerTransaction]
                expected += Array(repeating: first.at, count: segment.events.count)
            }
        }
        let log = try SQLiteEventStore(path: path).readAll(after: 0, limit: Int.max)
        #expect(log.map(\.recordedAt) == Array(expected.prefix(3_000)))
    }

    /// The seeder's bulk load leaves the store as an ordinary one: everything appended, and no
    /// write-ahead log left on disk.
    @Test func aBulkLoadCheckpointsItsLogAtTheEnd() throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "bulk-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appending(path: "bulk.sqlite").path
        let store = try SQLiteEventStore(path: path)
        let batches = events(seed: 9, count: 1_000).map { (streamID: $0.stream, expected: ExpectedVersion.any, events: [$0.event]) }
        let appended = try store.bulkLoad(checkpointEvery: 50) {
            try stride(from: 0, to: batches.count, by: 100).map { try store.appendBatch(Array(batches[$0..<($0 + 100)])).count }
        }
        #expect(appended.reduce(0, +) == 1_000)
        #expect(try store.readAll(after: 0, limit: Int.max).count == 1_000)
        let log = try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int
        #expect(log == 0)
        struct Stop: Error {}
        #expect(throws: Stop.self) { try store.bulkLoad(checkpointEvery: 50) { throw Stop() } }
        // A failed load leaves the store usable.
        try store.append(to: "after-the-load", expected: .noStream, events: [EventData(eventType: "Noted", data: Data("{}".utf8))])
    }

    @Test func archivingMovesOnlyStaysClosedLongEnoughAndRunsOnce() throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "archive-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appending(path: "sample.sqlite").path, cold = directory.appending(path: "cold.sqlite").path
        try SampleStoreSeeder(events: 6_000, seed: 3).seed(path: path)
        let store = try SQLiteEventStore(path: path)
        let (checkouts, before) = try SampleStoreArchiver.checkouts(in: store)
        let end = try #require(checkouts.values.max())
        let cutoff = end.addingTimeInterval(-10 * 86_400)
        let due = Set(checkouts.filter { $0.value < cutoff }.keys)
        #expect(!due.isEmpty && due.count < checkouts.count, "the history must have old and recent checkouts")

        // A run that stopped after one stay's summary, before its move.
        let first = try #require(due.sorted().first)
        let firstID = String(first.dropFirst("guest_stay-".count))
        try store.append(to: "archived_stay-\(firstID)", expected: .noStream, events: [
            try SampleStoreArchiver.summary(of: firstID, events: try store.readStream(first), archivedAt: end),
        ])
        // Traffic after the year's end (the blue-green run's desk) does not move "now".
        try store.append(to: "guest_stay-live-1", events: [EventData(eventType: "GuestCheckedIn", data: Data(#"{"stayId":"live-1"}"#.utf8))])

        let summary = try SampleStoreArchiver(olderThanDays: 10).archive(path: path, coldPath: cold)
        #expect(summary.streams == due.count)
        #expect(summary.summaries == due.count - 1, "the stay with a summary gets no second one")
        #expect(summary.hotEventsBefore == before + 2, "with the summary and the desk event written above")
        let hot = try store.readAll(after: 0, limit: Int.max)
        #expect(hot.count == summary.hotEventsAfter)
        #expect(!hot.contains { due.contains($0.streamID) })
        #expect(hot.contains { checkouts.keys.contains($0.streamID) }, "recent stays stay hot")
        #expect(try store.readArchivedStream(first).last?.eventType == "GuestCheckedOut")

        // Each archived stay left one summary with its totals, as counted from its cold events.
        for stream in due.sorted().prefix(20) {
            let stayID = String(stream.dropFirst("guest_stay-".count))
            let summaries = try store.readStream("archived_stay-\(stayID)")
            #expect(summaries.count == 1)
            let json = try JSONValue(data: try #require(summaries.first).data)
            let cold = try store.readArchivedStream(stream)
            let total = { (types: Set<String>) in cold.filter { types.contains($0.eventType) }.reduce(Int64(0)) {
                $0 + ((try? JSONValue(data: $1.data))?["amount"]?.intValue ?? 0)
            } }
            #expect(json["charged"]?.intValue == total(["ChargeRecorded"]))
            #expect(json["paid"]?.intValue == total(["PaymentRecorded", "PaymentReceived"]))
            #expect(json["eventCount"]?.intValue == Int64(cold.count))
            #expect(json["guestId"]?.stringValue?.hasPrefix("g-") == true, "v1 and v2 check-ins both give the guest")
        }

        let again = try SampleStoreArchiver(olderThanDays: 10).archive(path: path, coldPath: cold)
        #expect(again.streams == 0 && again.events == 0 && again.summaries == 0)
    }

    @Test func archivingWithoutASampleStoreSaysToSeedFirst() {
        let missing = FileManager.default.temporaryDirectory.appending(path: "none-\(UUID().uuidString)/sample.sqlite").path
        #expect {
            try SampleStoreArchiver(olderThanDays: 1).archive(path: missing, coldPath: missing + ".cold")
        } throws: { "\($0)".contains("workshop seed") }
    }
}
