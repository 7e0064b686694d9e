extension EventStore {
    /// Polls the log: the default for stores that cannot announce appends (SQLite across
    /// processes, the in-memory store). The PostgreSQL store overrides it with LISTEN/NOTIFY.
    public func subscribe(after position: Int64) -> EventSubscription {
        EventSubscription(store: self, after: position, signal: PollingSignal())
    }
}
