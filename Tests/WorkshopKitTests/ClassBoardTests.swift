import Foundation
import Testing
@testable import WorkshopKit

@Suite struct ClassBoardTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    /// A room's log: facts of three attendees on two exercises, in log order.
    func roomLog() -> [ClassFact] {
        var facts: [ClassFact] = []
        func fact(_ name: String, _ minute: Double, _ event: ProgressEvent) {
            facts.append(ClassFact(attendee: name, event: event, at: start.addingTimeInterval(minute * 60), position: Int64(facts.count + 1)))
        }
        func check(_ exercise: String, _ status: CheckStatus, failing: [String] = []) -> ProgressEvent {
            .checkRan(CheckRan(exercise: exercise, status: status, failingChecks: failing))
        }
        fact("ada", 0, .exerciseOpened(.init(exercise: "facts")))
        fact("bob", 0, .exerciseOpened(.init(exercise: "facts")))
        fact("cyd", 1, .exerciseOpened(.init(exercise: "facts")))
        fact("ada", 2, check("facts", .failed, failing: ["names events in the past tense"]))
        fact("bob", 3, check("facts", .compileError))
        fact("ada", 4, check("facts", .passed))
        fact("ada", 4, .exerciseCompleted(.init(exercise: "facts")))
        fact("ada", 5, .exerciseOpened(.init(exercise: "decider")))
        fact("cyd", 6, check("facts", .failed, failing: ["names events in the past tense", "keeps ids"]))
        fact("bob", 8, check("facts", .failed, failing: ["names events in the past tense"]))
        fact("cyd", 9, check("facts", .failed, failing: ["names events in the past tense"]))
        fact("bob", 10, check("facts", .passed))
        fact("ada", 11, check("decider", .failed, failing: ["rejects a second check-in"]))
        fact("ada", 11, .hintRevealed(.init(exercise: "decider", level: 1)))
        return facts
    }

    func fold(_ facts: some Sequence<ClassFact>, into board: ClassBoard = ClassBoard()) -> ClassBoard {
        var board = board
        for fact in facts { board.apply(fact) }
        return board
    }

    @Test func showsEachAttendeesExerciseStatusAndTimeOnIt() {
        let report = fold(roomLog()).report(now: start.addingTimeInterval(12 * 60), stuckAfter: 600, exerciseOrder: ["facts", "decider"])
        #expect(report.attendees.map(\.name) == ["ada", "bob", "cyd"])
        #expect(report.attendees.map(\.exercise) == ["decider", "facts", "facts"])
        #expect(report.attendees.map(\.status) == ["failed", "passed", "failed"])
        // ada moved to decider at minute 5; a hint does not move her.
        #expect(report.attendees[0].secondsOnIt == 7 * 60)
        #expect(report.attendees[0].failing == "rejects a second check-in")
        #expect(report.attendees[1].failing == nil)
    }

    @Test func countsAttemptsPassesMedianAndTheCheckMostOfTheRoomFails() {
        let report = fold(roomLog()).report(now: start.addingTimeInterval(12 * 60), stuckAfter: 600, exerciseOrder: ["facts", "decider"])
        #expect(report.exercises.map(\.id) == ["facts", "decider"])
        let facts = report.exercises[0]
        #expect(facts.attempted == 3)
        #expect(facts.passed == 2)
        // ada: 0 → 4 minutes, bob: 0 → 10 minutes.
        #expect(facts.medianSecondsToPass == 420.0)
        // Failed by ada, bob and cyd; "keeps ids" only by cyd, "does not compile" only by bob.
        #expect(facts.commonFailure == "names events in the past tense")
        #expect(report.exercises[1].attempted == 1)
        #expect(report.exercises[1].passed == 0)
        #expect(report.exercises[1].medianSecondsToPass == nil)
    }

    @Test func stuckIsTheSameFailureForLongerThanTheLimit() {
        let board = fold(roomLog())
        // cyd fails "names events in the past tense" first since minute 6; ada's failure began at 11.
        let at20 = board.report(now: start.addingTimeInterval(20 * 60), stuckAfter: 10 * 60)
        #expect(at20.attendees.map(\.stuck) == [false, false, true])
        let at19plus = board.report(now: start.addingTimeInterval(19 * 60), stuckAfter: 5 * 60)
        #expect(at19plus.attendees.map(\.stuck) == [true, false, true])
        // A pass ends being stuck; so does a reset.
        var later = board
        later.apply(ClassFact(attendee: "cyd", event: .exerciseReset(.init(exercise: "facts")), at: start.addingTimeInterval(19 * 60), position: 100))
        #expect(later.report(now: start.addingTimeInterval(60 * 60), stuckAfter: 60).attendees[2].stuck == false)
        #expect(later.report(now: start.addingTimeInterval(60 * 60), stuckAfter: 60).attendees[2].status == "pending")
    }

    @Test func aFactDeliveredTwiceCountsOnce() {
        let log = roomLog()
        let once = fold(log)
        #expect(fold(log, into: once) == once)
    }

    @Test(arguments: [0, 1, 5, 9, 13, 14])
    func aBoardResumedFromItsSavedCheckpointEqualsARebuild(stoppedAfter: Int) throws {
        let log = roomLog()
        let saved = try JSONEncoder().encode(fold(log.prefix(stoppedAfter)))
        let resumed = try JSONDecoder().decode(ClassBoard.self, from: saved)
        #expect(resumed.position == Int64(stoppedAfter))
        let rest = log.filter { $0.position > resumed.position }
        #expect(fold(rest, into: resumed) == fold(log))
    }

    @Test func theJSONHasEveryFieldTheIssuePromises() throws {
        let data = try fold(roomLog()).report(now: start.addingTimeInterval(12 * 60), stuckAfter: 600).json()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let attendee = try #require((object["attendees"] as? [[String: Any]])?.first)
        #expect(Set(attendee.keys).isSuperset(of: ["name", "exercise", "status", "since", "stuck"]))
        let exercise = try #require((object["exercises"] as? [[String: Any]])?.first { $0["id"] as? String == "decider" })
        #expect(Set(exercise.keys).isSuperset(of: ["id", "attempted", "passed", "median_seconds_to_pass", "common_failure"]))
        #expect(exercise["median_seconds_to_pass"] is NSNull)
    }

    @Test(arguments: ["", "a/b", " ada", String(repeating: "x", count: 41), "ada;drop"])
    func namesThatCannotBeAStreamPrefixAreRefused(name: String) {
        #expect(AttendeeName.problem(with: name) != nil)
    }

    @Test(arguments: ["ada", "Ada Lovelace", "bob-2", "zoë"])
    func ordinaryNamesAreAccepted(name: String) {
        #expect(AttendeeName.problem(with: name) == nil)
    }
}
