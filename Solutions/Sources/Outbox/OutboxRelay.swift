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
        var delivered = 0
        for pending in try store.pendingOutbox(limit: batchSize) {
            // Send first, mark second. A crash or an error between the two means the message is
            // sent again next run: a duplicate, which the consumer's inbox absorbs. The other
            // order (mark, then send) turns the same crash into a lost message, which nobody can
            // absorb: the guest's card is simply never charged.
            try transport.send(pending.message)
            try store.markDelivered(sequences: [pending.sequence])
            // In order, one at a time: a failure stops the run here, so a later message never
            // overtakes an earlier one for good.
            delivered += 1
        }
        return delivered
    }
}
