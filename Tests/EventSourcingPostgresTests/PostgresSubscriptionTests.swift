#if Postgres
import EventSourcing
import EventSourcingPostgres
import Foundation
import Testing

extension PostgresTests {
/// `subscribe(after:)` catches up, then follows appends live (LISTEN/NOTIFY), and ends when
/// its task is cancelled.
@Suite struct PostgresSubscriptionTests {
    static func events(_ count: Int, _ tag: String) -> [EventData] {
        (0..<count).map { EventData(eventType: "E", data: Data(#"{"tag":"\#(tag)","n":\#($0)}"#.utf8)) }
    }

    @Test func aSubscriptionCatchesUpThenFollowsLiveAppendsWithoutWaitingForThePoll() async throws {
        let store = try PostgresTestDatabase.freshStore()
        let before = try store.append(to: "a", expected: .noStream, events: Self.events(3, "before"))
        // A fallback poll far beyond the test's patience: live events must come by NOTIFY.
        let subscription = store.subscribe(after: before.positions[0], fallbackInterval: .seconds(30))
        var iterator = subscription.makeAsyncIterator()
        var received: [Int64] = []
        for _ in 0..<2 { if let event = try await iterator.next() { received.append(event.position) } }
        #expect(received == Array(before.positions.dropFirst()))

        let started = Date()
        let live = try store.append(to: "b", expected: .noStream, events: Self.events(2, "live"))
        for _ in 0..<2 { if let event = try await iterator.next() { received.append(event.position) } }
        #expect(received == Array(before.positions.dropFirst()) + live.positions)
        #expect(Date().timeIntervalSince(started) < 10, "the live events came by the fallback poll, not by NOTIFY")
    }

    @Test func cancellingTheConsumingTaskEndsTheSubscriptionCleanly() async throws {
        let store = try PostgresTestDatabase.freshStore()
        try store.append(to: "a", expected: .noStream, events: Self.events(1, "x"))
        let (received, receivedSink) = AsyncStream.makeStream(of: Int64.self)
        let consumer = Task {
            var count = 0
            for try await event in store.subscribe(after: 0, fallbackInterval: .seconds(30)) {
                count += 1
                receivedSink.yield(event.position)
            }
            return count
        }
        // Once the one event is through, the subscription waits for a NOTIFY that never comes.
        var positions = received.makeAsyncIterator()
        #expect(await positions.next() != nil)
        consumer.cancel()
        // Ends without an error (a CancellationError would be thrown here), well before the poll.
        #expect(try await consumer.value == 1)
    }

    @Test func theInMemoryStoresDefaultSubscriptionPollsTheLog() async throws {
        let store = InMemoryEventStore()
        try store.append(to: "a", expected: .noStream, events: Self.events(2, "x"))
        var iterator = store.subscribe(after: 0).makeAsyncIterator()
        let first = try await iterator.next()
        #expect(first?.streamVersion == 1)
        _ = try await iterator.next()
        try store.append(to: "a", expected: .exact(2), events: Self.events(1, "y"))
        #expect(try await iterator.next()?.streamVersion == 3)
    }
}
}
#endif
