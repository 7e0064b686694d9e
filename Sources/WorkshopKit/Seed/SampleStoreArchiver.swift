import EventSourcing
import EventSourcingSQLite
import Foundation

/// Moves the sample store's stays that checked out more than `olderThanDays` before the end of
/// its history into a cold store, as the devops stage's archiving exercise does on a small one:
/// the hot log shrinks, the archived streams stay readable from the cold file.
///
/// "Now" is the time of the last event in the store (the seeded year's end), so the result is
/// the same whenever it runs. Running it again archives nothing more.
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
        public var hotEventsBefore: Int
        public var hotEventsAfter: Int
        public var seconds: Double

        enum CodingKeys: String, CodingKey {
            case streams, events, seconds
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
        let (checkouts, hotEvents, end) = try Self.checkouts(in: store)
        let cutoff = end.addingTimeInterval(-Double(olderThanDays) * 86_400)
        let due = checkouts.filter { $0.value < cutoff }.keys.sorted()
        var archived = 0
        var moved: Int64 = 0
        for start in stride(from: 0, to: due.count, by: Self.streamsPerCall) {
            let chunk = Array(due[start..<min(start + Self.streamsPerCall, due.count)])
            let result = try store.archive(streams: chunk, to: coldPath)
            archived += result.archived.count
            moved += result.eventsMoved
        }
        return Summary(streams: archived, events: moved, hotEventsBefore: hotEvents,
                       hotEventsAfter: hotEvents - Int(moved), seconds: Date().timeIntervalSince(started))
    }

    /// When each stay in the hot log checked out, how many events the hot log holds, and the
    /// time of its last event. One pass over the log in pages; payloads are not decoded.
    static func checkouts(in store: SQLiteEventStore) throws -> (checkouts: [String: Date], events: Int, end: Date) {
        var checkouts: [String: Date] = [:]
        var position: Int64 = 0
        var count = 0
        var end = Date.distantPast
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
            for event in page {
                if event.eventType == "GuestCheckedOut", event.streamID.hasPrefix("guest_stay-") {
                    checkouts[event.streamID] = event.recordedAt
                }
            }
            count += page.count
            end = max(end, last.recordedAt)
            position = last.position
        }
        return (checkouts, count, end)
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
