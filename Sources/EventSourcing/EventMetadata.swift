/// What travels with every event besides its payload: where it came from and why.
///
/// `correlationID` is shared by every message of one flow (a request, a saga); `causationID` is
/// the id of the message that directly caused this one. Together they form a tree that explains
/// any event. `headers` holds anything else (user, tenant, source system).
public struct EventMetadata: Sendable, Hashable, Codable {
    public var correlationID: String?
    public var causationID: String?
    public var headers: [String: String]

    public init(correlationID: String? = nil, causationID: String? = nil, headers: [String: String] = [:]) {
        self.correlationID = correlationID
        self.causationID = causationID
        self.headers = headers
    }

    enum CodingKeys: String, CodingKey {
        case correlationID = "correlation_id"
        case causationID = "causation_id"
        case headers
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        correlationID = try container.decodeIfPresent(String.self, forKey: .correlationID)
        causationID = try container.decodeIfPresent(String.self, forKey: .causationID)
        headers = try container.decodeIfPresent([String: String].self, forKey: .headers) ?? [:]
    }
}
