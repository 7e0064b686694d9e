import EventSourcing
import Foundation

/// A tiny model for the library's own tests: keys issued for a hotel room.
enum RoomKeys {
    struct KeyIssued: Codable, Sendable, Equatable {
        var keyID: String
        var guest: Guest
    }

    struct Guest: Codable, Sendable, Equatable {
        var name: String
        var language: String
    }

    struct KeyRevoked: Codable, Sendable, Equatable {
        var keyID: String
    }

    enum Event: Sendable, Equatable {
        case issued(KeyIssued)
        case revoked(KeyRevoked)
    }

    enum Command: Sendable {
        case issue(keyID: String, guest: Guest)
        case revoke(keyID: String)
    }

    enum Rule: Error, Equatable {
        case unknownKey(String)
        case tooManyKeys
    }

    struct State: Sendable, Equatable {
        var active: Set<String> = []
    }

    static let decider = Decider<Command, Event, State>(
        initialState: State(),
        evolve: { state, event in
            var state = state
            switch event {
            case .issued(let issued): state.active.insert(issued.keyID)
            case .revoked(let revoked): state.active.remove(revoked.keyID)
            }
            return state
        },
        decide: { command, state in
            switch command {
            case .issue(let keyID, let guest):
                if state.active.contains(keyID) { return [] }
                guard state.active.count < 2 else { throw Rule.tooManyKeys }
                return [.issued(KeyIssued(keyID: keyID, guest: guest))]
            case .revoke(let keyID):
                guard state.active.contains(keyID) else { throw Rule.unknownKey(keyID) }
                return [.revoked(KeyRevoked(keyID: keyID))]
            }
        }
    )

    /// KeyIssued is at v3: v1 had `guestName`, v2 added `guest` without `language`; KeyRevoked
    /// was once called KeyCancelled.
    static let codec: EventCodec<Event> = {
        var codec = EventCodec<Event>()
        codec.register(KeyIssued.self, as: "KeyIssued", version: 3, embed: Event.issued) {
            if case .issued(let event) = $0 { event } else { nil }
        }
        codec.register(KeyRevoked.self, as: "KeyRevoked", embed: Event.revoked) {
            if case .revoked(let event) = $0 { event } else { nil }
        }
        codec.upcast("KeyIssued", from: 1) { json, _ in
            var json = json
            json["guest"] = ["name": json["guestName"] ?? .null]
            json["guestName"] = nil
            return json
        }
        codec.upcast("KeyIssued", from: 2) { json, metadata in
            var json = json
            // v2 events did not record the language: take it from the request headers, else English.
            json["guest"]?["language"] = .string(metadata.headers["language"] ?? "en")
            return json
        }
        codec.rename("KeyCancelled", to: "KeyRevoked")
        return codec
    }()

    static func recorded(_ type: String, version: Int, json: String, position: Int64 = 7, stream: String = "room_keys-101",
                         metadata: EventMetadata = EventMetadata()) -> RecordedEvent {
        RecordedEvent(eventID: UUID(), streamID: stream, streamVersion: 1, position: position, recordedAt: Date(),
                      eventType: type, schemaVersion: version, data: Data(json.utf8), metadata: metadata)
    }
}
