import Synchronization

/// Messages from background work, waiting for the runtime's loop to take them.
///
/// A lock rather than an actor: the loop blocks on the terminal between keys and must be able
/// to take messages without awaiting.
public final class Mailbox: Sendable {
    private let messages = Mutex<[Msg]>([])

    public init() {}

    /// Leaves a message; callable from any thread.
    public func post(_ message: Msg) {
        messages.withLock { $0.append(message) }
    }

    /// Takes every waiting message, oldest first.
    public func drain() -> [Msg] {
        messages.withLock { pending in
            defer { pending.removeAll(keepingCapacity: true) }
            return pending
        }
    }
}
