import EventSourcing
import EventSourcingSQLite
import Foundation

/// Moves the sample store's stays that checked out more than `olderThanDays` before the end of
/// its history into a cold store, as the devops stage's archiving exercise does: each stay first
/// leaves a `StayArchived` summary in the hot log (on `archived_stay-{id}`, with its totals),
/// then its stream moves; the hot log shrinks and the archived streams stay readable from the
/// cold file. This is the reference job behind `workshop archive`; `workshop sample archiving`
/// runs the learner's own.
///
/// "Now" is the last checkout in the hot log (the seeded year's end), so the result is the same
/// whenever it runs, and later traffic (the blue-green run's desk) does not move it. Running it
/// again archives nothing more; a run stopped between a summary and its move finishes the move
/// without a second summary.
public struct SampleStoreArchiver: Sendable {
    public let olderThanDays: Int
    /// How many streams go in one archive call (one pair of transactions).
    static let streamsPerCall = 500

    public init(olderThanDays: Int) {
        self.olderThanDays = olderThanDays
    }

    /// What an archiving run did.
    public struct Summary: Sendable, Hashable, Codable {
        public var streams: Int
        public var events: Int64
        /// Summary events written into the hot log (one per stay archived by this run).
        public var summaries: Int
        public var hotEventsBefore: Int
        public var hotEventsAfter: Int
        public var seconds: Double

        enum CodingKeys: String, CodingKey {
            case streams, events, summaries, seconds
            case hotEventsBefore = "hot_events_before"
            case hotEventsAfter = "hot_events_after"
        }
    }

    /// Archives from the store at `path` into the cold store at `coldPath`.
    @discardableResult
    public func archive(path: String, coldPath: String) throws -> Summary {
        guard FileManager.default.fileExists(atPath: path) else {
            throw SampleStoreMissing(path: path)
        }
        let started = Date()
        let store = try SQLiteEventStore(path: path)
        let (checkouts, hotEvents) = try Self.checkouts(in: store)
        let now = checkouts.values.max() ?? .distantPast
        let cutoff = now.addingTimeInterval(-Double(olderThanDays) * 86_400)
        let due = checkouts.filter { $0.value < cutoff }.keys.sorted()
        var archived = 0, summaries = 0
        var moved: Int64 = 0
        for start in stride(from: 0, to: due.count, by: Self.streamsPerCall) {
            let chunk = Array(due[start..<min(start + Self.streamsPerCall, due.count)])
            // 1. The summaries, while the stays are still hot to compute them from; a stay
            //    whose summary exists (a run stopped before its move) gets no second one.
            var appends: [(streamID: String, expected: ExpectedVersion, events: [EventData])] = []
            for stream in chunk {
                let stayID = String(stream.dropFirst("guest_stay-".count))
                let summaryStream = "archived_stay-\(stayID)"
                guard try store.streamState(summaryStream) == .noStream else { continue }
                let summary = try Self.summary(of: stayID, events: try store.readStream(stream), archivedAt: now)
                appends.append((summaryStream, .noStream, [summary]))
            }
            if !appends.isEmpty { try store.appendBatch(appends) }
            summaries += appends.count
            // 2. The move.
            let result = try store.archive(streams: chunk, to: coldPath)
            archived += result.archived.count
            moved += result.eventsMoved
        }
        return Summary(streams: archived, events: moved, summaries: summaries, hotEventsBefore: hotEvents,
                       hotEventsAfter: hotEvents - Int(moved) + summaries, seconds: Date().timeIntervalSince(started))
    }

    /// A closed stay's `StayArchived` event, in the shape of the archiving exercise's.
    static func summary(of stayID: String, events: [RecordedEvent], archivedAt: Date) throws -> EventData {
        var guestID = "", roomNumber = ""
        var checkedInAt = Date.distantPast, checkedOutAt = Date.distantPast
        var charged: Int64 = 0, paid: Int64 = 0
        for event in events {
            let json = try JSONValue(data: event.data)
            let at = json["at"]?.stringValue.flatMap(JSONCoding.date(iso8601:)) ?? event.recordedAt
            switch event.eventType {
            case "GuestCheckedIn":
                // v1 has `guestId`, v2 `guest: {id, name}` (see HotelHistory's deployments).
                guestID = json["guestId"]?.stringValue ?? json["guest"]?["id"]?.stringValue ?? ""
                roomNumber = json["roomNumber"]?.stringValue ?? ""
                checkedInAt = at
            case "ChargeRecorded": charged += json["amount"]?.intValue ?? 0
            case "PaymentRecorded", "PaymentReceived": paid += json["amount"]?.intValue ?? 0
            case "GuestCheckedOut": checkedOutAt = at
            default: break
            }
        }
        let summary: JSONValue = [
            "stayId": .string(stayID), "guestId": .string(guestID), "roomNumber": .string(roomNumber),
            "checkedInAt": .string(JSONCoding.iso8601(checkedInAt)), "checkedOutAt": .string(JSONCoding.iso8601(checkedOutAt)),
            "charged": .int(charged), "paid": .int(paid), "balance": .int(paid - charged),
            "eventCount": .int(Int64(events.count)), "lastVersion": .int(events.last?.streamVersion ?? 0),
            "archivedAt": .string(JSONCoding.iso8601(archivedAt)),
        ]
        return EventData(eventType: "StayArchived", data: try summary.encoded(),
                         metadata: EventMetadata(correlationID: "archive-stay-\(stayID)", causationID: "workshop-archive"))
    }

    /// When each stay in the hot log checked out (its event's `at`) and how many events the hot
    /// log holds. One pass over the log in pages; only checkouts are decoded.
    static func checkouts(in store: SQLiteEventStore) throws -> (checkouts: [String: Date], events: Int) {
        var checkouts: [String: Date] = [:]
        var position: Int64 = 0
        var count = 0
        while true {
            let page: [RecordedEvent]
            do {
                page = try store.readAll(after: position, limit: 5_000)
            } catch let unreadable as UnreadableEvent {
                // A damaged row is not ours to fix here: step over it and keep going.
                position = unreadable.position
                continue
            }
            guard let last = page.last else { break }
            for event in page where event.eventType == "GuestCheckedOut" && event.streamID.hasPrefix("guest_stay-") {
                let at = (try? JSONValue(data: event.data))?["at"]?.stringValue.flatMap(JSONCoding.date(iso8601:))
                checkouts[event.streamID] = at ?? event.recordedAt
            }
            count += page.count
            position = last.position
        }
        return (checkouts, count)
    }
}

/// The sample store does not exist yet.
public struct SampleStoreMissing: Error, Sendable, CustomStringConvertible {
    public let path: String

    public init(path: String) {
        self.path = path
    }
    public var description: String { "There is no sample store at \(path) yet: run `workshop seed` first." }
}
