#if Postgres
import EventSourcing
import Foundation
import PostgresNIO

/// Outbox messages a relay holds until `until`: no other relay gets them before then.
public struct OutboxClaim: Sendable, Hashable {
    public let relay: String
    public let messages: [PendingMessage]
    /// The server's clock when the claim was made, and when it lapses.
    public let claimedAt: Date
    public let until: Date
}

extension PostgresEventStore {
    /// Claims up to `limit` pending messages for `relay` until `lease` from now (the server's
    /// clock): messages nobody holds, or whose holder's lease ran out (it crashed, or is too
    /// slow). Several relays may claim at once: `FOR UPDATE SKIP LOCKED` lets each pass over
    /// the rows another is claiming instead of waiting for them, and no message is ever held
    /// by two relays at the same time.
    ///
    /// ```swift
    /// let claim = try store.claimOutbox(relay: "relay-1", limit: 100, lease: .seconds(30))
    /// for pending in claim.messages { try send(pending.message) }
    /// try store.markDelivered(sequences: claim.messages.map(\.sequence), by: "relay-1")
    /// ```
    public func claimOutbox(relay: String, limit: Int, lease: Duration) throws -> OutboxClaim {
        let leaseMicroseconds = lease.components.seconds * 1_000_000 + lease.components.attoseconds / 1_000_000_000_000
        let rows: [PostgresRow]
        do {
            rows = try connections.withConnection { connection in
                try BlockingConnections.run("""
                    WITH now AS (SELECT clock_timestamp() AS at),
                    free AS (
                        SELECT sequence FROM outbox, now
                        WHERE delivered_at IS NULL AND (claimed_until IS NULL OR claimed_until <= now.at)
                        ORDER BY sequence LIMIT \(Int64(max(0, limit)))
                        FOR UPDATE OF outbox SKIP LOCKED
                    )
                    UPDATE outbox SET claimed_by = \(relay),
                        claimed_until = now.at + make_interval(secs => \(Double(leaseMicroseconds) / 1_000_000))
                    FROM free, now WHERE outbox.sequence = free.sequence
                    RETURNING outbox.sequence, message_id, destination, message_type, payload, headers, attempts, now.at, claimed_until
                    """, on: connection).rows
            }
        } catch {
            throw PostgresEventStoreError.translating(error, target: url.redacted, during: "claiming outbox messages for relay '\(relay)'")
        }
        var messages = try rows.map(Self.pendingMessage)
        messages.sort { $0.sequence < $1.sequence }
        var claimedAt = Date()
        var until = Date()
        if let first = rows.first {
            let columns = try first.decode((Int64, String, String, String, Data, String, Int32, Date, Date).self)
            claimedAt = columns.7
            until = columns.8
        }
        return OutboxClaim(relay: relay, messages: messages, claimedAt: claimedAt, until: until)
    }

    /// Marks messages delivered that `relay` still holds, and returns the sequences it marked:
    /// a message whose lease ran out (and that another relay may hold now) is left to that
    /// relay. A message sent twice that way is why consumers deduplicate by message id.
    @discardableResult
    public func markDelivered(sequences: [Int64], by relay: String) throws -> [Int64] {
        guard !sequences.isEmpty else { return [] }
        do {
            return try connections.withConnection { connection in
                try BlockingConnections.run("""
                    UPDATE outbox SET delivered_at = clock_timestamp(), claimed_by = NULL, claimed_until = NULL
                    WHERE sequence = ANY(\(sequences)) AND delivered_at IS NULL AND claimed_by = \(relay)
                      AND claimed_until > clock_timestamp()
                    RETURNING sequence
                    """, on: connection).rows.map { try $0.decode(Int64.self) }.sorted()
            }
        } catch {
            throw PostgresEventStoreError.translating(error, target: url.redacted, during: "marking outbox messages delivered")
        }
    }
}
#endif
