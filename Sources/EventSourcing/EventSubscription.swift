import Foundation

/// The global log from a position on: first the events already stored (catch-up), then each
/// new one as it is appended (live), for as long as the consuming task runs.
///
/// ```swift
/// for try await event in store.subscribe(after: checkpoint) {
///     try board.apply(event)
/// }
/// ```
///
/// Cancelling the consuming task ends the sequence: `next()` returns nil, no error. An error
/// of the store (the server went away) ends it with that error; the consumer resumes with
/// `subscribe(after:)` from the last position it processed. Events arrive in position order,
/// each once, none skipped: the store's `readAll(after:)` only returns a log that cannot grow
/// below its end.
public struct EventSubscription: AsyncSequence, Sendable {
    public typealias Element = RecordedEvent

    let store: any EventStore
    let position: Int64
    let batchSize: Int
    let signal: any NewEventsSignal

    /// - Parameter signal: how the subscription learns that the log may have grown.
    public init(store: any EventStore, after position: Int64, batchSize: Int = 500, signal: any NewEventsSignal) {
        self.store = store
        self.position = position
        self.batchSize = Swift.max(1, batchSize)
        self.signal = signal
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(store: store, after: position, batchSize: batchSize, signal: signal)
    }

    public struct Iterator: AsyncIteratorProtocol {
        let store: any EventStore
        var after: Int64
        let batchSize: Int
        let signal: any NewEventsSignal
        var buffer: [RecordedEvent] = []
        var index = 0

        init(store: any EventStore, after: Int64, batchSize: Int, signal: any NewEventsSignal) {
            self.store = store
            self.after = after
            self.batchSize = batchSize
            self.signal = signal
        }

        public mutating func next() async throws -> RecordedEvent? {
            while index == buffer.count {
                if Task.isCancelled { return nil }
                // Ask the signal for its generation before reading, so an append that lands
                // between the read and the wait still wakes the wait.
                let seen = signal.generation
                buffer = try store.readAll(after: after, limit: batchSize)
                index = 0
                if buffer.isEmpty {
                    do {
                        try await signal.waitForChange(after: seen)
                    } catch is CancellationError {
                        return nil
                    }
                }
            }
            let event = buffer[index]
            index += 1
            after = event.position
            return event
        }
    }
}

/// Tells a subscription that the log may have grown.
public protocol NewEventsSignal: Sendable {
    /// A number that grows whenever the log may have grown.
    var generation: UInt64 { get }
    /// Returns once `generation` has moved past `seen`, or after a while anyway (a polling
    /// fallback); throws `CancellationError` when the waiting task is cancelled.
    func waitForChange(after seen: UInt64) async throws
}

/// The fallback every store has: look again after a fixed interval.
public struct PollingSignal: NewEventsSignal {
    public let interval: Duration

    public init(interval: Duration = .milliseconds(100)) {
        self.interval = interval
    }

    public var generation: UInt64 { 0 }

    public func waitForChange(after seen: UInt64) async throws {
        try await Task.sleep(for: interval)
    }
}
