import CheckReport

/// A page read from the sample store, with what the browser shows around it.
public struct StorePage: Sendable, Equatable {
    public var query: StoreQuery
    /// The events, in order, with their payloads already decoded for display.
    public var events: [TracedEvent]
    /// The highest global position in the store (about the number of events).
    public var headPosition: Int64
    /// For a stream page: the stream's length.
    public var streamLength: Int64?

    public init(query: StoreQuery, events: [TracedEvent], headPosition: Int64, streamLength: Int64? = nil) {
        self.query = query
        self.events = events
        self.headPosition = headPosition
        self.streamLength = streamLength
    }
}
