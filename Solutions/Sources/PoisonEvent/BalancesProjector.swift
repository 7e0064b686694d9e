import EventSourcing
import Foundation

/// Keeps each stay's balance from the global log, and survives an event it cannot read.
///
/// v0 applied the log in order and threw on the first event it could not read. The transaction
/// rolled back, the next run met the same event, and the projection (and everything fed by it)
/// stopped for good: head-of-line blocking, one bad event holding up a million good ones.
public final class BalancesProjector {
    public let store: any EventStore
    public let database: ProjectionStore
    public let policy: RetryPolicy
    public let batchSize: Int
    /// How stored events are read. Deploying a fix swaps it (`BalanceEvent.decodeAfterFix`).
    public var decode: BalanceEvent.Decode

    public init(store: any EventStore, database: ProjectionStore, policy: RetryPolicy = RetryPolicy(),
                decode: @escaping BalanceEvent.Decode = BalanceEvent.decode, batchSize: Int = 500) {
        self.store = store
        self.database = database
        self.policy = policy
        self.decode = decode
        self.batchSize = batchSize
    }

    /// One run of the subscription at `now`: retry the stuck events that are due, then deal with
    /// the new events of the log, all in one transaction with the checkpoint.
    public func process(now: Date) throws {
        try database.transaction { tx in
            // Retries first, oldest first: an event that works now frees the events of its stream
            // that wait behind it before any newer event of that stream arrives.
            for position in tx.stuck.keys.sorted() {
                guard let entry = tx.stuck[position], case .retrying(let due) = entry.status, due <= now else { continue }
                attempt(entry.event, failedBefore: entry.attempts, now: now, &tx)
            }
            for recorded in try store.readAll(after: tx.checkpoint, limit: batchSize) {
                if isBlocked(recorded.streamID, tx) {
                    // A stay's events apply in order: applying its payment while its charge is
                    // stuck would show a balance the stay never had. Other stays keep flowing.
                    tx.stuck[recorded.position] = StuckEvent(event: recorded, status: .waiting, attempts: 0,
                                                             reason: "waits behind an earlier event of \(recorded.streamID)")
                } else {
                    attempt(recorded, failedBefore: 0, now: now, &tx)
                }
                // The checkpoint moves past stuck events too: they are kept, with their reason,
                // in the same transaction, so a restart neither loses nor re-reads them.
                tx.checkpoint = recorded.position
            }
        }
    }

    /// After a fix is deployed: every parked event gets a fresh set of attempts, now, and the
    /// events waiting behind it follow in order. A replay a person asked for is a retry.
    public func replayParked(now: Date) throws {
        try database.transaction { tx in
            for (position, entry) in tx.stuck where entry.status == .parked {
                tx.stuck[position] = StuckEvent(event: entry.event, status: .retrying(nextAttemptAt: now), attempts: 0,
                                                reason: entry.reason)
            }
        }
        try process(now: now)
    }

    /// Tries one event. On success it is applied, and the first event waiting behind it in its
    /// stream is tried next; on failure it is kept, retried after a backoff that doubles, and
    /// parked once the policy's attempts are spent.
    private func attempt(_ recorded: RecordedEvent, failedBefore: Int, now: Date, _ tx: inout ProjectionStore.Transaction) {
        do {
            BalanceEvent.apply(try decode(recorded), to: &tx.balances)
            tx.stuck[recorded.position] = nil
            let next = tx.stuck.values
                .filter { $0.event.streamID == recorded.streamID && $0.status == .waiting }
                .min { $0.event.position < $1.event.position }
            if let next { attempt(next.event, failedBefore: 0, now: now, &tx) }
        } catch {
            let attempts = failedBefore + 1
            let status: StuckEvent.Status = attempts >= policy.maxAttempts
                ? .parked
                : .retrying(nextAttemptAt: now.addingTimeInterval(policy.backoff(afterAttempts: attempts)))
            tx.stuck[recorded.position] = StuckEvent(event: recorded, status: status, attempts: attempts, reason: "\(error)")
        }
    }

    /// Whether an earlier event of `streamID` is stuck (retrying, parked or waiting).
    private func isBlocked(_ streamID: String, _ tx: ProjectionStore.Transaction) -> Bool {
        tx.stuck.values.contains { $0.event.streamID == streamID }
    }
}
