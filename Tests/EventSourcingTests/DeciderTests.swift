import EventSourcing
import Testing

@Suite struct DeciderTests {
    @Test func foldReplaysEventsFromTheInitialState() {
        let guest = RoomKeys.Guest(name: "Ada", language: "en")
        let state = RoomKeys.decider.fold([
            .issued(.init(keyID: "a", guest: guest)), .issued(.init(keyID: "b", guest: guest)), .revoked(.init(keyID: "a")),
        ])
        #expect(state.active == ["b"])
    }

    @Test(arguments: [
        (ExpectedVersion.any, StreamState.noStream, true),
        (.any, .exists(version: 3), true),
        (.noStream, .noStream, true),
        (.noStream, .exists(version: 1), false),
        (.streamExists, .noStream, false),
        (.streamExists, .exists(version: 1), true),
        (.exact(3), .exists(version: 3), true),
        (.exact(3), .exists(version: 4), false),
        (.exact(0), .noStream, false),
    ])
    func expectedVersionsMatchStreamStates(expected: ExpectedVersion, state: StreamState, satisfied: Bool) {
        #expect(expected.isSatisfied(by: state) == satisfied)
    }

    @Test func aConflictNamesTheStreamTheExpectedAndTheActualVersion() {
        let conflict = WrongExpectedVersion(streamID: "guest_stay-9", expected: .exact(3), actual: .exists(version: 5))
        #expect("\(conflict)" == "Concurrency conflict on stream 'guest_stay-9': expected version 3, but the stream is at version 5.")
    }
}
