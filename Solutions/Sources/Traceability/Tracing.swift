import EventSourcing

/// How a message passes its flow on to the messages it causes.
public enum Tracing {
    /// The command a process sends because of `event` (the group checkout sends each stay a
    /// CheckOut because of GroupCheckoutInitiated).
    public static func command(_ name: String, id: String, causedBy event: Message) -> Message {
        // Same flow: the correlation id travels unchanged from the first message to the last,
        // so one query finds everything a group checkout did, across every stream.
        // Caused by the event: the causation id is the parent in the tree.
        Message(id: id, kind: .command, name: name, correlationID: event.correlationID, causationID: event.id)
    }

    /// The metadata of an event recorded directly in reaction to `event`, with no command in
    /// between (the group records each stay's outcome).
    public static func metadata(reactingTo event: Message) -> EventMetadata {
        EventMetadata(correlationID: event.correlationID, causationID: event.id)
    }
}
