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
