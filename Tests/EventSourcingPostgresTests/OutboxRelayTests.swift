#if Postgres
import EventSourcing
import EventSourcingPostgres
import Foundation
import Synchronization
import Testing

extension PostgresTests {
/// Several relays share one outbox: claims with a lease, `FOR UPDATE SKIP LOCKED`.
@Suite struct OutboxRelayTests {
    /// What one relay did with one claim, for the checks at the end.
    struct Hold: Sendable {
        let relay: String
        let sequence: Int64
        let from: Date
        let until: Date
    }

    @Test func threeRelaysWithSeededCrashesDeliverEveryMessageAndNeverHoldOneTogether() throws {
        let store = try PostgresTestDatabase.freshStore()
        let messageCount = 5_000
        // 5 000 messages, 10 per append.
        for batch in 0..<(messageCount / 10) {
            let outbox = (0..<10).map { index in
                OutboxMessage(messageID: "m-\(batch * 10 + index)", destination: "finance", messageType: "StayCompleted",
                              payload: Data(#"{"n":\#(batch * 10 + index)}"#.utf8))
            }
            try store.append(to: "stay-\(batch)", expected: .noStream,
                             events: [EventData(eventType: "StayCompleted", data: Data("{}".utf8))], outbox: outbox)
        }

        let holds = Mutex<[Hold]>([])
        let deliveries = Mutex<[String: Int]>([:])
        let crashes = Atomic<Int>(0)
        let group = DispatchGroup()
        for relay in 0..<3 {
            group.enter()
            Thread {
                defer { group.leave() }
                var random = GlobalLogGapTests.SeededRandom(state: 0xC0FFEE + UInt64(relay))
                var incarnation = 0
                while true {
                    let name = "relay-\(relay).\(incarnation)"
                    let claim: OutboxClaim
                    do {
                        claim = try store.claimOutbox(relay: name, limit: 50, lease: .milliseconds(300))
                    } catch {
                        Issue.record("\(name): \(error)")
                        return
                    }
                    if claim.messages.isEmpty {
                        // Nothing free: done when nothing is pending at all, otherwise another
                        // relay (or a crashed one's lease) still holds the rest.
                        if ((try? store.pendingOutbox(limit: 1)) ?? []).isEmpty { return }
                        Thread.sleep(forTimeInterval: 0.02)
                        continue
                    }
                    holds.withLock { holds in
                        holds += claim.messages.map { Hold(relay: name, sequence: $0.sequence, from: claim.claimedAt, until: claim.until) }
                    }
                    // A seeded crash, one claim in ten: the relay sends part of its claim and
                    // dies before marking anything; a new incarnation starts under a new name.
                    let crashesNow = Int.random(in: 0..<10, using: &random) == 0
                    let sent = crashesNow ? Int.random(in: 0..<claim.messages.count, using: &random) : claim.messages.count
                    deliveries.withLock { deliveries in
                        for pending in claim.messages.prefix(sent) { deliveries[pending.message.messageID, default: 0] += 1 }
                    }
                    if crashesNow {
                        crashes.add(1, ordering: .relaxed)
                        incarnation += 1
                        continue
                    }
                    do {
                        try store.markDelivered(sequences: claim.messages.map(\.sequence), by: name)
                    } catch {
                        Issue.record("\(name): \(error)")
                        return
                    }
                }
            }.start()
        }
        group.wait()

        let delivered = deliveries.withLock { $0 }
        let missing = (0..<messageCount).map { "m-\($0)" }.filter { delivered[$0] == nil }
        #expect(missing.isEmpty, "never delivered: \(missing.prefix(10))")
        #expect(try store.pendingOutbox(limit: 10).isEmpty)
        #expect(crashes.load(ordering: .relaxed) > 0, "no relay crashed, so no lease was ever taken over")
        // No message held by two relays at the same time: per message, the claims' intervals
        // (on the server's clock) do not overlap.
        let bySequence = Dictionary(grouping: holds.withLock { $0 }, by: \.sequence)
        var overlaps: [String] = []
        for (sequence, claims) in bySequence {
            let ordered = claims.sorted { $0.from < $1.from }
            for (earlier, later) in zip(ordered, ordered.dropFirst()) where later.from < earlier.until {
                overlaps.append("message \(sequence): \(earlier.relay) until \(earlier.until), \(later.relay) from \(later.from)")
            }
        }
        #expect(overlaps.isEmpty, "\(overlaps.prefix(5))")
        #expect(bySequence.values.contains { $0.count > 1 }, "no message was ever claimed again after a crash")
    }

    @Test func aMessageWhoseLeaseRanOutCannotBeMarkedByItsFormerHolder() throws {
        let store = try PostgresTestDatabase.freshStore()
        try store.append(to: "s", expected: .noStream, events: [EventData(eventType: "E", data: Data("{}".utf8))],
                         outbox: [OutboxMessage(messageID: "only", destination: "d", messageType: "T", payload: Data())])
        let first = try store.claimOutbox(relay: "slow", limit: 10, lease: .milliseconds(1))
        #expect(first.messages.count == 1)
        // Another relay takes it over once the lease has run out (on the server's clock).
        var second = try store.claimOutbox(relay: "fast", limit: 10, lease: .seconds(60))
        while second.messages.isEmpty { second = try store.claimOutbox(relay: "fast", limit: 10, lease: .seconds(60)) }
        #expect(try store.claimOutbox(relay: "third", limit: 10, lease: .seconds(60)).messages.isEmpty)
        #expect(try store.markDelivered(sequences: [first.messages[0].sequence], by: "slow") == [])
        #expect(try store.markDelivered(sequences: [first.messages[0].sequence], by: "fast") == [first.messages[0].sequence])
        #expect(try store.pendingOutbox(limit: 10).isEmpty)
    }
}
}
#endif
