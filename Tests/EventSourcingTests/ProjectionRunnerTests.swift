import EventSourcing
import Foundation
import Testing

@Suite struct ProjectionRunnerTests {
    /// Active keys per room, from the key events only.
    static func activeKeys() -> InMemoryProjection<[String: Set<String>]> {
        InMemoryProjection(name: "active_keys", handles: ["KeyIssued", "KeyRevoked"], initial: [:]) { model, recorded in
            let event = try RoomKeys.codec.decode(recorded).event
            switch event {
            case .issued(let issued): model[recorded.streamID, default: []].insert(issued.keyID)
            case .revoked(let revoked): model[recorded.streamID]?.remove(revoked.keyID)
            }
        }
    }

    static func seededStore(rooms: Int) throws -> InMemoryEventStore {
        let store = InMemoryEventStore()
        let guest = RoomKeys.Guest(name: "G", language: "en")
        for room in 1...rooms {
            try store.append(to: "room_keys-\(room)", events: [
                try RoomKeys.codec.encode(.issued(.init(keyID: "a\(room)", guest: guest))),
                try RoomKeys.codec.encode(.issued(.init(keyID: "b\(room)", guest: guest))),
                try RoomKeys.codec.encode(.revoked(.init(keyID: "a\(room)"))),
            ])
            // Something this projection does not handle: the checkpoint must still move past it.
            try store.append(to: "housekeeping-\(room)", events: [EventData(eventType: "RoomCleaned", data: Data("{}".utf8))])
        }
        return store
    }

    @Test func catchUpReadsEveryBatchAndMovesTheCheckpointToTheEnd() throws {
        let store = try Self.seededStore(rooms: 5)
        let projection = Self.activeKeys()
        var batches: [Int64] = []
        let progress = try ProjectionRunner(store: store, batchSize: 3).catchUp(projection) { batches.append($0.checkpoint) }
        #expect(progress.eventsRead == 20)
        #expect(progress.eventsApplied == 15)
        #expect(batches == [3, 6, 9, 12, 15, 18, 20])
        #expect(try projection.checkpoint() == 20)
        #expect(projection.readModel["room_keys-3"] == ["b3"])
    }

    @Test func catchUpStartsAfterTheCheckpoint() throws {
        let store = try Self.seededStore(rooms: 2)
        let projection = Self.activeKeys()
        let runner = ProjectionRunner(store: store, batchSize: 100)
        try runner.catchUp(projection)
        try store.append(to: "room_keys-1", events: [try RoomKeys.codec.encode(.revoked(.init(keyID: "b1")))])
        let progress = try runner.catchUp(projection)
        #expect(progress.eventsRead == 1)
        #expect(projection.readModel["room_keys-1"] == [])
    }

    @Test func aRedeliveredBatchChangesNothing() throws {
        let store = try Self.seededStore(rooms: 2)
        let projection = Self.activeKeys()
        try ProjectionRunner(store: store).catchUp(projection)
        let before = projection.readModel
        let all = try store.readAll(after: 0, limit: 100)
        try projection.apply(all.filter { $0.eventType.hasPrefix("Key") }, checkpoint: 8)
        #expect(projection.readModel == before)
    }

    @Test func aFailingEventLeavesModelAndCheckpointWhereTheyWere() throws {
        let store = try Self.seededStore(rooms: 1)
        try store.append(to: "room_keys-1", events: [EventData(eventType: "KeyIssued", schemaVersion: 3, data: Data("not json".utf8))])
        let projection = Self.activeKeys()
        let runner = ProjectionRunner(store: store, batchSize: 100)
        #expect(throws: UnreadableEvent.self) { try runner.catchUp(projection) }
        #expect(try projection.checkpoint() == 0)
        #expect(projection.readModel.isEmpty)
    }

    @Test func rebuildFromZeroEqualsACleanPass() throws {
        let store = try Self.seededStore(rooms: 4)
        let projection = Self.activeKeys()
        let runner = ProjectionRunner(store: store, batchSize: 2)
        try runner.catchUp(projection)
        let clean = projection.readModel
        let progress = try runner.rebuild(projection)
        #expect(progress.eventsRead == 16)
        #expect(projection.readModel == clean)
    }
}
