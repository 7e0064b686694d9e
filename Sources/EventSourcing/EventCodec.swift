import Foundation

/// Turns a model's events into stored JSON and back, by type name and schema version.
///
/// Register each event type once with its current schema version; register an upcaster for each
/// older version still found in storage. Every read path (`decode`) runs the upcaster chain, so a
/// v1 event written years ago still loads as today's type.
///
/// ```swift
/// var codec = EventCodec<StayEvent>()
/// codec.register(GuestCheckedIn.self, as: "GuestCheckedIn", version: 2,
///                embed: StayEvent.checkedIn, extract: { if case .checkedIn(let e) = $0 { e } else { nil } })
/// codec.upcast("GuestCheckedIn", from: 1) { json, metadata in
///     var json = json
///     json["guest"] = ["id": json["guestId"] ?? .null]
///     return json
/// }
/// ```
public struct EventCodec<Event>: Sendable {
    private struct Registration: Sendable {
        let eventType: String
        let schemaVersion: Int
        let encode: @Sendable (Event) throws -> Data?
        let decode: @Sendable (Data) throws -> Event
    }

    /// Rewrites the JSON of one stored type and version into the next version, possibly under a
    /// new type name (a rename, whose versions then count from the new name's).
    private struct Upcaster: Sendable {
        let targetType: String
        let targetVersion: Int
        let transform: @Sendable (JSONValue, EventMetadata) throws -> JSONValue
    }

    private struct UpcasterKey: Hashable, Sendable {
        let eventType: String
        let fromVersion: Int
    }

    private var registrations: [Registration] = []
    private var byType: [String: Int] = [:]
    private var upcasters: [UpcasterKey: Upcaster] = [:]

    public init() {}

    /// The type names this codec can decode (after upcasting), e.g. for a projection's
    /// `handledEventTypes`.
    public var eventTypes: Set<String> { Set(byType.keys) }

    /// Registers `payload` under `eventType` at its current `version`.
    ///
    /// - Parameters:
    ///   - embed: wraps the payload into the model's event type (often an enum case).
    ///   - extract: the payload if `event` is of this type, else nil.
    public mutating func register<Payload: Codable & Sendable>(
        _ payload: Payload.Type, as eventType: String, version: Int = 1,
        embed: @escaping @Sendable (Payload) -> Event, extract: @escaping @Sendable (Event) -> Payload?
    ) {
        byType[eventType] = registrations.count
        registrations.append(Registration(
            eventType: eventType, schemaVersion: version,
            encode: { event in try extract(event).map { try JSONCoding.sharedEncoder.encode($0) } },
            decode: { data in embed(try JSONCoding.sharedDecoder.decode(Payload.self, from: data)) }))
    }

    /// Registers the step from `fromVersion` to `fromVersion + 1` of `eventType`.
    public mutating func upcast(
        _ eventType: String, from fromVersion: Int,
        _ transform: @escaping @Sendable (JSONValue, EventMetadata) throws -> JSONValue
    ) {
        upcasters[UpcasterKey(eventType: eventType, fromVersion: fromVersion)] =
            Upcaster(targetType: eventType, targetVersion: fromVersion + 1, transform: transform)
    }

    /// Registers a rename: `oldName` at `version` reads as `newName` at `newVersion`, after
    /// `transform` (by default the JSON is kept as it is). Both names then read as one type.
    public mutating func rename(
        _ oldName: String, version: Int = 1, to newName: String, newVersion: Int = 1,
        _ transform: @escaping @Sendable (JSONValue, EventMetadata) throws -> JSONValue = { json, _ in json }
    ) {
        upcasters[UpcasterKey(eventType: oldName, fromVersion: version)] =
            Upcaster(targetType: newName, targetVersion: newVersion, transform: transform)
    }

    /// Encodes an event for appending.
    public func encode(_ event: Event, eventID: UUID = .timeOrdered(), metadata: EventMetadata = EventMetadata()) throws -> EventData {
        for registration in registrations {
            if let data = try registration.encode(event) {
                return EventData(eventID: eventID, eventType: registration.eventType,
                                 schemaVersion: registration.schemaVersion, data: data, metadata: metadata)
            }
        }
        throw EventCodecError.unregisteredEvent(String(describing: event))
    }

    /// Decodes a stored event, upcasting older schema versions first.
    ///
    /// - Throws: `UnreadableEvent` naming the position and stream when the type is unknown, the
    ///   version is newer than this code knows, or the JSON does not match.
    public func decode(_ recorded: RecordedEvent) throws -> EventEnvelope<Event> {
        func unreadable(_ reason: String) -> UnreadableEvent {
            UnreadableEvent(position: recorded.position, streamID: recorded.streamID, eventType: recorded.eventType,
                            schemaVersion: recorded.schemaVersion, reason: reason)
        }
        var eventType = recorded.eventType
        var version = recorded.schemaVersion
        var data = recorded.data
        var json: JSONValue?
        // Walk the chain: each step takes one version up, possibly renaming the type.
        while let upcaster = upcasters[UpcasterKey(eventType: eventType, fromVersion: version)] {
            do {
                let current = try json ?? JSONValue(data: data)
                json = try upcaster.transform(current, recorded.metadata)
            } catch {
                throw unreadable("upcasting from v\(version) failed: \(error)")
            }
            eventType = upcaster.targetType
            version = upcaster.targetVersion
        }
        guard let index = byType[eventType] else {
            throw unreadable("unknown event type '\(eventType)'")
        }
        let registration = registrations[index]
        guard version == registration.schemaVersion else {
            throw unreadable("no upcaster from v\(version) to v\(registration.schemaVersion) of \(eventType)")
        }
        do {
            if let json { data = try json.encoded() }
            var envelope = EventEnvelope(event: try registration.decode(data), recorded: recorded)
            envelope.eventType = eventType
            return envelope
        } catch {
            throw unreadable(Self.explain(error))
        }
    }

    /// Decodes many stored events; stops at the first unreadable one.
    public func decode(_ recorded: [RecordedEvent]) throws -> [EventEnvelope<Event>] {
        try recorded.map(decode)
    }

    /// Whether this codec knows the stored type name, directly or through a rename.
    public func canDecode(eventType: String) -> Bool {
        byType[eventType] != nil || upcasters.keys.contains { $0.eventType == eventType }
    }

    /// A decoding error in one plain sentence instead of Foundation's nested dump.
    static func explain(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _):
            return "missing field '\(key.stringValue)'"
        case DecodingError.typeMismatch(let type, let context):
            return "field '\(context.codingPath.map(\.stringValue).joined(separator: "."))' is not a \(type)"
        case DecodingError.valueNotFound(let type, let context):
            return "field '\(context.codingPath.map(\.stringValue).joined(separator: "."))' is null, expected \(type)"
        case DecodingError.dataCorrupted(let context):
            return "invalid JSON (\(context.debugDescription))"
        default:
            return "\(error)"
        }
    }
}

/// Something the codec was asked to do that its registrations do not allow.
public enum EventCodecError: Error, Sendable, Hashable, CustomStringConvertible {
    case unregisteredEvent(String)

    public var description: String {
        switch self {
        case .unregisteredEvent(let event): "No event type is registered for \(event); call register(_:as:version:embed:extract:) first."
        }
    }
}
