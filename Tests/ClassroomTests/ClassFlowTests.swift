#if Postgres
@testable import Classroom
import EventSourcing
import Foundation
import PostgresTestCluster
import Testing
import WorkshopKit

/// Join → record → relay → board, on a real server, with real SQLite progress stores.
@Suite struct ClassFlowTests {
    @Test func factsRecordedBeforeAndAfterJoiningReachTheBoardOnce() async throws {
        let room = try TestClass()
        let ada = try AttendeeCopy()
        try ada.progress.record(.exerciseOpened(ExerciseOpened(exercise: "facts")))
        try ada.join(room, as: "ada")
        try ada.check("facts", .failed, failing: ["names events in the past tense"])
        let first = ada.relay().relayOnce()
        #expect(first.problem == nil)
        #expect(first.delivered == 2)
        #expect(first.waiting == 0)
        try ada.check("facts", .passed)
        // A relay that sent and crashed before marking: the same facts go again, kept once.
        let pending = try ada.progress.store.pendingOutbox(limit: 10)
        #expect(pending.count == 1)
        let again = ada.relay().relayOnce()
        #expect(again.delivered == 1)

        let feed = try ClassBoardFeed(boardURL: room.invitation.board)
        try await feed.waitForLog(count: 3)
        var board = try feed.load()
        try feed.catchUp(&board)
        let report = board.report(now: Date(), stuckAfter: 600)
        #expect(report.attendees.map(\.name) == ["ada"])
        #expect(report.attendees.first?.status == "passed")
        #expect(report.exercises.first?.attempted == 1)
        #expect(report.exercises.first?.passed == 1)
        #expect(report.exercises.first?.commonFailure == "names events in the past tense")
        // Exactly the three facts: opened, failed, passed.
        #expect(try feed.store.readAll(after: 0, limit: 100).count == 3)
    }

    @Test func aRestartedBoardResumesAndEqualsARebuild() async throws {
        let room = try TestClass()
        let copies = try (0..<3).map { _ in try AttendeeCopy() }
        for (index, copy) in copies.enumerated() {
            try copy.join(room, as: "attendee \(index)")
            try copy.check("facts", .failed, failing: ["check \(index % 2)"])
            _ = copy.relay().relayOnce()
        }
        do {
            let feed = try ClassBoardFeed(boardURL: room.invitation.board)
            try await feed.waitForLog(count: 3)
            var board = try feed.load()
            try feed.catchUp(&board)
            #expect(board.attendees.count == 3)
        }
        for copy in copies {
            try copy.check("facts", .passed)
            _ = copy.relay().relayOnce()
        }
        // A new process: the saved board and its checkpoint, then the rest of the log.
        let restarted = try ClassBoardFeed(boardURL: room.invitation.board)
        try await restarted.waitForLog(count: 6)
        var resumed = try restarted.load()
        #expect(resumed.position > 0)
        let folded = try restarted.catchUp(&resumed)
        #expect(folded == 3)
        #expect(resumed == (try restarted.rebuild()))
        #expect(resumed.report(now: Date(), stuckAfter: 600).exercises.first?.passed == 3)
    }

    @Test func twoBoardsAtOnceShowTheSame() async throws {
        let room = try TestClass()
        let ada = try AttendeeCopy()
        try ada.join(room, as: "ada")
        let first = try ClassBoardFeed(boardURL: room.invitation.board)
        let second = try ClassBoardFeed(boardURL: room.invitation.board)
        var one = try first.load()
        var two = try second.load()
        for (index, status) in [CheckStatus.compileError, .failed, .passed].enumerated() {
            try ada.check("facts", status)
            _ = ada.relay().relayOnce()
            try await first.waitForLog(count: index + 1)
            try first.catchUp(&one)
            try second.catchUp(&two)
            #expect(one == two)
        }
        #expect(try first.load() == one)
    }

    @Test func theBoardFollowsLiveThroughTheSubscription() async throws {
        let room = try TestClass()
        let ada = try AttendeeCopy()
        try ada.join(room, as: "ada")
        let feed = try ClassBoardFeed(boardURL: room.invitation.board)
        let live = Task {
            var board = ClassBoard()
            for try await event in feed.facts(after: 0) {
                if let fact = ClassFact(event) { board.apply(fact) }
                if board.report(now: Date(), stuckAfter: 600).attendees.first?.status == "passed" { return board }
            }
            return board
        }
        try ada.check("facts", .failed)
        _ = ada.relay().relayOnce()
        try ada.check("facts", .passed)
        _ = ada.relay().relayOnce()
        let board = try await live.value
        #expect(board.exercises["facts"]?.secondsToPass["ada"] != nil)
    }

    @Test func theRelayWaitsOutAServerThatIsDownAndLosesNothing() async throws {
        let server = try PostgresTestCluster.start()
        defer { server.remove() }
        let room = try TestClass(on: server)
        let ada = try AttendeeCopy()
        try ada.join(room, as: "ada")
        try ada.check("facts", .failed)
        let relay = ada.relay()
        #expect(relay.relayOnce().delivered == 1)
        try server.stop(.immediate)
        // Offline: recording goes on, facts pile up, the relay says so in a sentence.
        for status in [CheckStatus.failed, .compileError, .passed] { try ada.check("facts", status) }
        let offline = relay.relayOnce()
        #expect(offline.connected == false)
        #expect(offline.waiting == 3)
        #expect(offline.problem?.isTransient == true)
        try server.startServer()
        let back = relay.relayOnce()
        #expect(back.problem == nil)
        #expect(back.delivered == 3)
        #expect(back.waiting == 0)
        let feed = try ClassBoardFeed(boardURL: room.invitation.board)
        try await feed.waitForLog(count: 4)
        let log = try feed.store.readAll(after: 0, limit: 100)
        #expect(log.count == 4)
        #expect(Set(log.map(\.eventID)).count == 4)
    }
}
#endif
