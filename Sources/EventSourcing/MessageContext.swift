/// Where a command comes from: its own id and the flow it belongs to.
///
/// The events a command produces carry `causationID = messageID` and the command's correlation
/// id (or, when the command starts a flow, its own id), so every event can be traced back.
public struct MessageContext: Sendable, Hashable {
    public var messageID: String
    public var correlationID: String?
    public var headers: [String: String]

    public init(messageID: String, correlationID: String? = nil, headers: [String: String] = [:]) {
        self.messageID = messageID
        self.correlationID = correlationID
        self.headers = headers
    }

    /// The context of a message caused by `event`: same flow, caused by that event.
    public static func causedBy<Event>(_ event: EventEnvelope<Event>, messageID: String) -> MessageContext {
        MessageContext(messageID: messageID, correlationID: event.metadata.correlationID ?? event.eventID.uuidString)
    }

    /// The metadata for events this message produces.
    public var eventMetadata: EventMetadata {
        EventMetadata(correlationID: correlationID ?? messageID, causationID: messageID, headers: headers)
    }
}
