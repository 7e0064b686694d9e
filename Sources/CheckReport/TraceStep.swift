import EventSourcing

/// One step of a check's scenario: what came in, what was appended, and the read models after.
public struct TraceStep: Codable, Sendable, Equatable {
    /// The check this step belongs to.
    public var check: String
    /// What came in: a command or an event, in words.
    public var title: String
    public var appended: [TracedEvent]
    public var readModels: [String: JSONValue]

    public init(check: String, title: String, appended: [TracedEvent] = [], readModels: [String: JSONValue] = [:]) {
        self.check = check
        self.title = title
        self.appended = appended
        self.readModels = readModels
    }

    enum CodingKeys: String, CodingKey {
        case check, title, appended
        case readModels = "read_models"
    }
}
