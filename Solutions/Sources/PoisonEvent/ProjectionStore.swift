import EventSourcing
import Foundation
import Synchronization

/// An event the projection could not apply (yet), kept with everything a person on call needs.
public struct StuckEvent: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        /// It failed `attempts` times and is tried again at `nextAttemptAt` (or later).
        case retrying(nextAttemptAt: Date)
        /// It failed the policy's last attempt: it waits for a person, a fix, and a replay.
        case parked
        /// An earlier event of its stream is stuck: it waits behind that one, so the stream's
        /// events are applied in order. It has not been tried.
        case waiting
    }

    public var event: RecordedEvent
    public var status: Status
    /// Failed attempts so far.
    public var attempts: Int
    /// The error of the last attempt, or why it waits.
    public var reason: String

    public init(event: RecordedEvent, status: Status, attempts: Int, reason: String) {
        self.event = event
        self.status = status
        self.attempts = attempts
        self.reason = reason
    }
}

/// When a failed event is tried again: `maxAttempts` attempts in all, the wait doubling after
/// each failure (60 s, 120 s, 240 s, ...), so a broken event costs a few attempts an hour instead
/// of a tight loop, and a transient failure (a lock, a timeout) gets the time to go away.
public struct RetryPolicy: Sendable, Equatable {
    public var maxAttempts: Int
    public var firstBackoff: TimeInterval

    public init(maxAttempts: Int = 3, firstBackoff: TimeInterval = 60) {
        self.maxAttempts = maxAttempts
        self.firstBackoff = firstBackoff
    }

    /// The wait before the next attempt, after `attempts` failed ones (1 or more).
    public func backoff(afterAttempts attempts: Int) -> TimeInterval {
        firstBackoff * Double(1 << max(0, min(attempts - 1, 20)))
    }
}

/// The projection's own database: the balances, the checkpoint, and the stuck events, committed
/// together or not at all.
///
/// A simplification, said plainly: it lives in memory, so the checks can look at every state.
/// In production these are three tables of the read model's database (the parked events are
/// often a table or stream of their own, like KurrentDB's parked-message stream or a broker's
/// dead-letter queue), written in one transaction, as here.
public final class ProjectionStore: Sendable {
    public struct Transaction: Sendable {
        /// Each stay's balance: payments minus charges.
        public var balances: [String: Int]
        /// The global position of the last event this projection has dealt with (applied, or
        /// put among the stuck events).
        public var checkpoint: Int64
        /// The stuck events, by global position.
        public var stuck: [Int64: StuckEvent]
    }

    private let committed = Mutex(Transaction(balances: [:], checkpoint: 0, stuck: [:]))
    private let transactionLock = Mutex(())

    public init() {}

    /// Runs `body` on a copy of the database and commits the copy only if `body` returns.
    public func transaction<T>(_ body: (inout Transaction) throws -> T) throws -> T {
        try transactionLock.withLock { _ in
            var transaction = committed.withLock { $0 }
            let result = try body(&transaction)
            committed.withLock { $0 = transaction }
            return result
        }
    }

    public var balances: [String: Int] { committed.withLock { $0.balances } }
    public var checkpoint: Int64 { committed.withLock { $0.checkpoint } }
    public var stuck: [Int64: StuckEvent] { committed.withLock { $0.stuck } }
}
