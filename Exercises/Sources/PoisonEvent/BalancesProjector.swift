import EventSourcing
import Foundation

/// Keeps each stay's balance from the global log.
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

    /// One run of the subscription at `now`.
    public func process(now: Date) throws {
        try database.transaction { tx in
            for recorded in try store.readAll(after: tx.checkpoint, limit: batchSize) {
                // v0: an event that cannot be read throws here. The transaction rolls back, the
                // next run meets the same event, and the projection is stuck for good, with
                // every event behind it.
                //
                // TODO: an event that fails must not stop the others. Keep it in `tx.stuck`
                // with its reason and attempts, retry it after the policy's backoff (runs before
                // then leave it alone), park it after `policy.maxAttempts` failures, and keep the
                // rest flowing, except the later events of its own stream, which wait behind it.
                BalanceEvent.apply(try decode(recorded), to: &tx.balances)
                tx.checkpoint = recorded.position
            }
        }
    }

    /// After a fix is deployed (`decode` swapped): the parked events, and the events waiting
    /// behind them, are applied in order.
    public func replayParked(now: Date) throws {
        // TODO: give every parked event another chance, now.
    }
}
