import EventSourcing

/// Takes the messages waiting in the store's outbox to their destination: at least once.
///
/// It runs on a timer (every second, say), in its own process or task. Whatever fails in a run
/// (reading the outbox, the network, marking) ends the run; the next run starts over from what
/// is still pending. Nothing is lost, because a message leaves the outbox only after it was sent.
public struct OutboxRelay {
    public let store: any EventStore
    public let transport: any MessageTransport
    public var batchSize = 10

    public init(store: any EventStore, transport: any MessageTransport) {
        self.store = store
        self.transport = transport
    }

    /// One run: sends the pending messages, oldest first, and marks each delivered after it was
    /// sent. Returns how many were sent and marked.
    @discardableResult
    public func relayPending() throws -> Int {
        // TODO: read up to `batchSize` pending messages (`store.pendingOutbox(limit:)`), and for
        // each, oldest first: send it through `transport`, then mark it delivered
        // (`store.markDelivered(sequences:)`). Let errors end the run: the next run starts over
        // from what is still pending. Think about the order of send and mark: which one can
        // a crash between them turn into a lost payment?
        0
    }
}
