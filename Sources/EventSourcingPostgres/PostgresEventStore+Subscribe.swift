#if Postgres
import EventSourcing
import Foundation
import NIOCore
import NIOPosix
import PostgresNIO
import Synchronization

extension PostgresEventStore {
    /// The global log after `position`, then live: woken by the server's NOTIFY at each
    /// append's commit, and by a poll every `fallbackInterval` in case a notification was lost
    /// (the listening connection dropped and is being opened again).
    public func subscribe(after position: Int64) -> EventSubscription {
        subscribe(after: position, fallbackInterval: .seconds(1))
    }

    public func subscribe(after position: Int64, fallbackInterval: Duration) -> EventSubscription {
        EventSubscription(store: self, after: position, signal: AppendNotifications(connections: connections, fallbackInterval: fallbackInterval))
    }
}

/// LISTEN on `event_store_appended` over a connection of its own, opened on the first wait
/// and opened again whenever it is found closed.
final class AppendNotifications: NewEventsSignal {
    static let channel = "event_store_appended"

    private struct State {
        var generation: UInt64 = 0
        var waiters: [UUID: CheckedContinuation<Void, Never>] = [:]
        var listener: PostgresConnection?
    }

    private let state = Mutex(State())
    private let connections: BlockingConnections
    private let fallbackInterval: Duration

    init(connections: BlockingConnections, fallbackInterval: Duration) {
        self.connections = connections
        self.fallbackInterval = fallbackInterval
    }

    deinit {
        if let listener = state.withLock({ $0.listener }) { BlockingConnections.dismiss(listener) }
    }

    var generation: UInt64 { state.withLock { $0.generation } }

    private func changed() {
        let waiters = state.withLock { state in
            state.generation &+= 1
            defer { state.waiters = [:] }
            return state.waiters
        }
        for waiter in waiters.values { waiter.resume() }
    }

    private func wake(_ id: UUID) {
        let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
        waiter?.resume()
    }

    /// Opens the listening connection if there is none (or it closed). A failure is not
    /// fatal: the fallback poll keeps the subscription going, and the next wait tries again.
    private func ensureListening() {
        let current = state.withLock { $0.listener }
        if let current, !current.isClosed { return }
        guard let connection = try? connections.connect() else { return }
        connection.addListener(channel: Self.channel) { [weak self] _, _ in self?.changed() }
        let replaced = state.withLock { state in
            defer { state.listener = connection }
            return state.listener
        }
        if let replaced { BlockingConnections.dismiss(replaced) }
        // Appends may have committed while nobody listened.
        changed()
    }

    func waitForChange(after seen: UInt64) async throws {
        ensureListening()
        let id = UUID()
        let (seconds, attoseconds) = fallbackInterval.components
        let fallback = TimeAmount.nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now = state.withLock { state in
                    if state.generation != seen || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if now {
                    continuation.resume()
                } else {
                    MultiThreadedEventLoopGroup.singleton.any().scheduleTask(in: fallback) { [weak self] in self?.wake(id) }
                }
            }
        } onCancel: {
            wake(id)
        }
        try Task.checkCancellation()
    }
}
#endif
