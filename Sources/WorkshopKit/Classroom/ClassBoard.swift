import Foundation

/// The trainer's board: a projection of the class log, folded one `ClassFact` at a time.
///
/// ```swift
/// var board = ClassBoard()
/// for fact in facts { board.apply(fact) }
/// let report = board.report(now: Date(), stuckAfter: 600, exerciseOrder: catalog.exercises.map(\.id))
/// ```
///
/// The state is a value that can be saved with its checkpoint (`position`) and resumed: folding
/// the rest of the log into a saved board gives the same board as folding the whole log into a
/// new one. Nothing in it depends on the time of the fold; only `report` reads the clock, to
/// say how long someone has been on an exercise and whether they are stuck.
public struct ClassBoard: Codable, Sendable, Hashable {
    /// What the board knows of one attendee.
    public struct Attendee: Codable, Sendable, Hashable {
        /// The exercise they are on (opened last, or checked last).
        public var exercise: String?
        /// Since when they are on it.
        public var since: Date
        /// The last check's status per exercise (absent: not checked since opened or reset).
        public var statuses: [String: CheckStatus] = [:]
        /// Per exercise, the failure that keeps coming back and since when.
        public var failures: [String: Failure] = [:]
    }

    /// The same failure seen in an unbroken run of checks.
    public struct Failure: Codable, Sendable, Hashable {
        /// The first failing check's name, or the status in words when there is none to name.
        public var what: String
        public var since: Date
    }

    /// What the board knows of one exercise, over the whole room.
    public struct Tally: Codable, Sendable, Hashable {
        /// Who ran its checks at least once.
        public var attempted: Set<String> = []
        /// When each attendee first came to it (opened or checked).
        public var started: [String: Date] = [:]
        /// Seconds from starting to the first pass, per attendee who passed.
        public var secondsToPass: [String: Double] = [:]
        /// Per failing check (or "does not compile"), who failed it at least once.
        public var failedBy: [String: Set<String>] = [:]
    }

    public private(set) var attendees: [String: Attendee] = [:]
    public private(set) var exercises: [String: Tally] = [:]
    /// The class log's position of the last fact folded in: the board's checkpoint.
    public private(set) var position: Int64 = 0

    public init() {}

    /// Folds one fact in. A fact at or below `position` was folded already and changes nothing,
    /// so a fact delivered twice is counted once.
    public mutating func apply(_ fact: ClassFact) {
        guard fact.position > position else { return }
        position = fact.position
        let name = fact.attendee
        let exercise = fact.event.exercise
        var attendee = attendees[name] ?? Attendee(exercise: nil, since: fact.at)
        var tally = exercises[exercise] ?? Tally()
        if tally.started[name] == nil { tally.started[name] = fact.at }
        if attendee.exercise != exercise, movesAttention(fact.event) {
            attendee.exercise = exercise
            attendee.since = fact.at
        }
        switch fact.event {
        case .exerciseOpened, .hintRevealed, .exerciseCompleted:
            break
        case .checkRan(let check):
            tally.attempted.insert(name)
            attendee.statuses[exercise] = check.status
            if check.status == .passed {
                attendee.failures[exercise] = nil
                if tally.secondsToPass[name] == nil, let started = tally.started[name] {
                    tally.secondsToPass[name] = max(0, fact.at.timeIntervalSince(started))
                }
            } else {
                let what = Self.failure(of: check)
                if attendee.failures[exercise]?.what != what {
                    attendee.failures[exercise] = Failure(what: what, since: fact.at)
                }
                tally.failedBy[what, default: []].insert(name)
            }
        case .exerciseReset:
            attendee.statuses[exercise] = nil
            attendee.failures[exercise] = nil
        }
        attendees[name] = attendee
        exercises[exercise] = tally
    }

    /// Moves the checkpoint past an event of the log that is not a progress fact.
    public mutating func skip(to position: Int64) {
        self.position = max(self.position, position)
    }

    /// Opening or checking an exercise means the attendee is on it; a hint or a reset of
    /// another exercise does not move them.
    private func movesAttention(_ event: ProgressEvent) -> Bool {
        switch event {
        case .exerciseOpened, .checkRan: true
        case .hintRevealed, .exerciseReset, .exerciseCompleted: false
        }
    }

    /// What a failed check run is remembered by: its first failing check, or the status in
    /// words when it did not get as far as running checks.
    static func failure(of check: CheckRan) -> String {
        if check.status == .failed, let first = check.failingChecks?.first { return first }
        return check.status.summary
    }

    /// The board as shown: attendees by name, exercises in `exerciseOrder` (then any other seen).
    ///
    /// - Parameter stuckAfter: seconds with the same failure on the current exercise after
    ///   which an attendee is stuck.
    public func report(now: Date, stuckAfter: TimeInterval, exerciseOrder: [String] = []) -> BoardReport {
        let rows = attendees.keys.sorted().compactMap { name -> BoardReport.AttendeeRow? in
            guard let attendee = attendees[name] else { return nil }
            let exercise = attendee.exercise
            let failure = exercise.flatMap { attendee.failures[$0] }
            let status = exercise.flatMap { attendee.statuses[$0] }?.rawValue ?? "pending"
            return BoardReport.AttendeeRow(
                name: name, exercise: exercise, status: status, since: attendee.since,
                secondsOnIt: max(0, now.timeIntervalSince(attendee.since)),
                stuck: failure.map { now.timeIntervalSince($0.since) >= stuckAfter } ?? false,
                failing: failure?.what)
        }
        let known = Set(exerciseOrder)
        let ids = exerciseOrder.filter { exercises[$0] != nil } + exercises.keys.filter { !known.contains($0) }.sorted()
        let tallies = ids.compactMap { id -> BoardReport.ExerciseRow? in
            guard let tally = exercises[id] else { return nil }
            let common = tally.failedBy.max { a, b in
                a.value.count != b.value.count ? a.value.count < b.value.count : a.key > b.key
            }
            return BoardReport.ExerciseRow(
                id: id, attempted: tally.attempted.count, passed: tally.secondsToPass.count,
                medianSecondsToPass: Self.median(Array(tally.secondsToPass.values)), commonFailure: common?.key)
        }
        return BoardReport(attendees: rows, exercises: tallies, position: position)
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}

/// The board at one moment: what `workshop class board --json` prints and the board screen shows.
///
/// ```json
/// {"attendees": [{"name", "exercise", "status", "since", "seconds_on_it", "stuck", "failing"}],
///  "exercises": [{"id", "attempted", "passed", "median_seconds_to_pass", "common_failure"}],
///  "position": 42}
/// ```
public struct BoardReport: Codable, Sendable, Hashable {
    public struct AttendeeRow: Codable, Sendable, Hashable {
        public var name: String
        public var exercise: String?
        /// `pending` or a check status (`passed`, `failed`, `compile_error`, …).
        public var status: String
        public var since: Date
        public var secondsOnIt: Double
        public var stuck: Bool
        /// The failure that keeps coming back on the current exercise, if any.
        public var failing: String?

        enum CodingKeys: String, CodingKey {
            case name, exercise, status, since, stuck, failing
            case secondsOnIt = "seconds_on_it"
        }
    }

    public struct ExerciseRow: Codable, Sendable, Hashable {
        public var id: String
        public var attempted: Int
        public var passed: Int
        public var medianSecondsToPass: Double?
        /// The check the most attendees failed: the thing to explain to the room.
        public var commonFailure: String?

        enum CodingKeys: String, CodingKey {
            case id, attempted, passed
            case medianSecondsToPass = "median_seconds_to_pass"
            case commonFailure = "common_failure"
        }
    }

    public var attendees: [AttendeeRow]
    public var exercises: [ExerciseRow]
    /// The class log's position the board has read up to.
    public var position: Int64

    /// The JSON every optional field present (null when absent), dates as ISO 8601.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }
}

extension BoardReport.AttendeeRow {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(exercise, forKey: .exercise)
        try container.encode(status, forKey: .status)
        try container.encode(since, forKey: .since)
        try container.encode(secondsOnIt.rounded(), forKey: .secondsOnIt)
        try container.encode(stuck, forKey: .stuck)
        try container.encode(failing, forKey: .failing)
    }
}

extension BoardReport.ExerciseRow {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(attempted, forKey: .attempted)
        try container.encode(passed, forKey: .passed)
        try container.encode(medianSecondsToPass, forKey: .medianSecondsToPass)
        try container.encode(commonFailure, forKey: .commonFailure)
    }
}
