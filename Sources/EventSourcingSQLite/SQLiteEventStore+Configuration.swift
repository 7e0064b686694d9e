import Foundation

extension SQLiteEventStore {
    /// How hard SQLite works to keep a commit once `append` has returned.
    ///
    /// Both levels use the write-ahead log (WAL), so readers never block the writer and the
    /// writer never blocks readers.
    public enum Durability: String, Sendable, Hashable, Codable, CaseIterable {
        /// `PRAGMA synchronous = NORMAL`: the WAL is synced at checkpoints, not at every commit.
        /// A commit survives the app crashing or being killed; on a power loss or an OS crash the
        /// last few commits may be lost (never corrupted: the database stays consistent). Fast;
        /// the default for the workshop, for development and for tests.
        case normal
        /// `PRAGMA synchronous = FULL`: every commit is synced to the disk before `append`
        /// returns, so it also survives a power loss. Use it in production, where an
        /// acknowledged event must never disappear; expect appends to be an order of magnitude
        /// slower, bound by the disk's sync latency.
        case full

        package var pragmaValue: String {
            switch self {
            case .normal: "NORMAL"
            case .full: "FULL"
            }
        }
    }

    /// How to open a store.
    ///
    /// ```swift
    /// // production: every acknowledged append survives a power loss
    /// let store = try SQLiteEventStore(path: "events.sqlite", configuration: .init(durability: .full))
    /// // a browser that must never write
    /// let browser = try SQLiteEventStore(path: "events.sqlite", configuration: .init(readOnly: true))
    /// ```
    public struct Configuration: Sendable {
        /// See `Durability`; `.normal` by default.
        public var durability: Durability
        /// How long an append waits for another connection's (or process's) write transaction
        /// before it gives up with `SQLiteEventStoreError` saying the store is locked.
        public var busyTimeout: TimeInterval
        /// Open for reading only: appends, outbox updates and projections fail with a clear
        /// error, migrations are not run (the file must already hold a store), and the file is
        /// never modified. For browsing a store another process is writing.
        public var readOnly: Bool
        /// The time stamped on recorded events; inject a fixed one for deterministic traces.
        public var clock: @Sendable () -> Date

        public init(
            durability: Durability = .normal, busyTimeout: TimeInterval = 5, readOnly: Bool = false,
            clock: @escaping @Sendable () -> Date = { Date() }
        ) {
            self.durability = durability
            self.busyTimeout = busyTimeout
            self.readOnly = readOnly
            self.clock = clock
        }
    }
}
