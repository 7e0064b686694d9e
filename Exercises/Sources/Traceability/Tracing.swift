import EventSourcing

/// How a message passes its flow on to the messages it causes.
public enum Tracing {
    /// The command a process sends because of `event` (the group checkout sends each stay a
    /// CheckOut because of GroupCheckoutInitiated).
    public static func command(_ name: String, id: String, causedBy event: Message) -> Message {
        // TODO: keep the flow's correlation id and record what caused this command.
        // Today every command starts a flow of its own, so nobody can tell what it belongs to.
        Message.startingCommand(name, id: id)
    }

    /// The metadata of an event recorded directly in reaction to `event`, with no command in
    /// between (the group records each stay's outcome).
    public static func metadata(reactingTo event: Message) -> EventMetadata {
        // TODO: the same flow as `event`, caused by `event`.
        EventMetadata()
    }
}
