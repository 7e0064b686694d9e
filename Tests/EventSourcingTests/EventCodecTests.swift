import EventSourcing
import Foundation
import Testing

@Suite struct EventCodecTests {
    let codec = RoomKeys.codec

    @Test func anEventRoundTripsThroughItsStoredForm() throws {
        let event = RoomKeys.Event.issued(.init(keyID: "k1", guest: .init(name: "Ada", language: "fr")))
        let data = try codec.encode(event, metadata: EventMetadata(correlationID: "c1"))
        #expect(data.eventType == "KeyIssued")
        #expect(data.schemaVersion == 3)
        #expect(String(decoding: data.data, as: UTF8.self) == #"{"guest":{"language":"fr","name":"Ada"},"keyID":"k1"}"#)
        let recorded = RoomKeys.recorded(data.eventType, version: data.schemaVersion, json: String(decoding: data.data, as: UTF8.self))
        #expect(try codec.decode(recorded).event == event)
    }

    @Test func aVersionOneEventIsUpcastThroughEveryStep() throws {
        let stored = RoomKeys.recorded("KeyIssued", version: 1, json: #"{"keyID":"k1","guestName":"Ada"}"#,
                                       metadata: EventMetadata(headers: ["language": "pl"]))
        let envelope = try codec.decode(stored)
        #expect(envelope.event == .issued(.init(keyID: "k1", guest: .init(name: "Ada", language: "pl"))))
        #expect(envelope.storedSchemaVersion == 1)
    }

    @Test func aMissingValueFallsBackToTheDocumentedDefault() throws {
        let stored = RoomKeys.recorded("KeyIssued", version: 2, json: #"{"keyID":"k1","guest":{"name":"Ada"}}"#)
        #expect(try codec.decode(stored).event == .issued(.init(keyID: "k1", guest: .init(name: "Ada", language: "en"))))
    }

    @Test func anOldNameReadsAsTheNewType() throws {
        let stored = RoomKeys.recorded("KeyCancelled", version: 1, json: #"{"keyID":"k9"}"#)
        let envelope = try codec.decode(stored)
        #expect(envelope.event == .revoked(.init(keyID: "k9")))
        #expect(envelope.eventType == "KeyRevoked")
        #expect(codec.canDecode(eventType: "KeyCancelled"))
    }

    @Test func anUnknownTypeNamesItsPositionAndStream() throws {
        let stored = RoomKeys.recorded("KeyDuplicated", version: 1, json: "{}", position: 42, stream: "room_keys-7")
        #expect {
            try codec.decode(stored)
        } throws: { error in
            let error = try #require(error as? UnreadableEvent)
            return error.position == 42 && error.streamID == "room_keys-7"
                && "\(error)".contains("position 42") && "\(error)".contains("room_keys-7")
                && "\(error)".contains("unknown event type 'KeyDuplicated'")
        }
    }

    @Test(arguments: [
        (#"{"keyID": 12}"#, "keyID"),
        (#"{"keyID": "k1", "guest": {"name": "Ada", "language": "fr""#, "invalid JSON"),
        (#"{"guest": {"name": "Ada", "language": "fr"}}"#, "missing field 'keyID'"),
    ])
    func badJSONIsReportedInOneSentence(json: String, expected: String) throws {
        let stored = RoomKeys.recorded("KeyIssued", version: 3, json: json, position: 5)
        let error = try #require(throws: UnreadableEvent.self) { try codec.decode(stored) }
        #expect(error.position == 5)
        #expect(error.reason.contains(expected), "\(error.reason)")
    }

    @Test func aVersionNewerThanThisCodeIsRefusedClearly() throws {
        let stored = RoomKeys.recorded("KeyIssued", version: 4, json: #"{"keyID":"k1"}"#)
        let error = try #require(throws: UnreadableEvent.self) { try codec.decode(stored) }
        #expect(error.reason.contains("no upcaster from v4 to v3"))
    }

    @Test func encodingAnUnregisteredEventSaysWhatToDo() {
        let bare = EventCodec<RoomKeys.Event>()
        #expect(throws: EventCodecError.self) { try bare.encode(.revoked(.init(keyID: "k"))) }
    }
}
