#if Postgres
import EventSourcing
import Foundation
import Synchronization
import WorkshopKit

/// `workshop bench class`: simulated attendees, each with its own progress store and relay,
/// working at ten times workshop pace against one class, while a board follows the class log
/// through the store's subscription. Measures how long a fact takes from the attendee's local
/// append to the board, and counts facts lost or shown twice.
///
/// ```json
/// {"attendees": 200, "events": 1200, "board_latency_ms_p50": 40, "board_latency_ms_p99": 300,
///  "lost": 0, "duplicated": 0}
/// ```
public struct ClassBenchmark: Sendable {
    public struct Result: Codable, Sendable {
        public var attendees: Int
        public var events: Int
        public var boardLatencyMsP50: Double
        public var boardLatencyMsP99: Double
        public var lost: Int
        public var duplicated: Int

        enum CodingKeys: String, CodingKey {
            case attendees, events, lost, duplicated
            case boardLatencyMsP50 = "board_latency_ms_p50"
            case boardLatencyMsP99 = "board_latency_ms_p99"
        }
    }

    public var attendees: Int
    /// Facts per attendee: opened, three checks (two failing), completed.
    public var factsPerAttendee = 5
    /// Mean pause between an attendee's facts: a check every ~30 s in a room, ten times faster.
    public var meanPause: Duration = .seconds(3)

    public init(attendees: Int) { self.attendees = attendees }

    /// Runs against a class created with `adminURL` (a throw-away server's superuser).
    public func run(adminURL: String) async throws -> Result {
        let invitation = try ClassInvitation.create(adminURL: adminURL, name: "bench_\(UUID().uuidString.prefix(8).lowercased())")
        let root = FileManager.default.temporaryDirectory.appending(path: "workshop-bench-class-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: root) }

        // Join everyone first: the room is seated before the clock starts.
        var seats: [(progress: WorkshopProgress, relay: ClassRelay)] = []
        let joiner = try ClassAttendee(joinURL: invitation.join)
        for index in 0..<attendees {
            let state = root.appending(path: "attendee-\(index)")
            let name = "attendee \(index)"
            let token = try joiner.join(as: name)
            try ClassMembership(class: joiner.className, name: name, url: invitation.join, token: token, backfilled: true).save(in: state)
            let progress = WorkshopProgress(store: InMemoryEventStore())
            seats.append((progress, ClassRelay(progress: progress.store, state: state)))
        }

        let recordedAt = SendTimes()
        let expected = attendees * factsPerAttendee
        let feed = try ClassBoardFeed(boardURL: invitation.board)
        let board = Task { () throws -> (latencies: [Double], seen: [UUID]) in
            var latencies: [Double] = []
            var seen: [UUID] = []
            var distinct = Set<UUID>()
            for try await event in feed.facts(after: 0) {
                let arrived = ContinuousClock.now
                seen.append(event.eventID)
                distinct.insert(event.eventID)
                if let sent = recordedAt.times.withLock({ $0[event.eventID] }) {
                    latencies.append(Double((arrived - sent).components.attoseconds) / 1e15 + Double((arrived - sent).components.seconds) * 1_000)
                }
                if distinct.count >= expected { break }
            }
            return (latencies, seen)
        }

        // Each attendee on a thread of its own: the relay is a blocking client, as in the app.
        let pause = meanPause
        let facts = factsPerAttendee
        let done = DispatchGroup()
        for (index, seat) in seats.enumerated() {
            done.enter()
            let thread = Thread {
                var random = SplitMix64(seed: UInt64(index + 1))
                for step in 0..<facts {
                    let exercise = "facts"
                    let event: ProgressEvent = switch step {
                    case 0: .exerciseOpened(ExerciseOpened(exercise: exercise))
                    case facts - 1: .exerciseCompleted(ExerciseCompleted(exercise: exercise))
                    case facts - 2: .checkRan(CheckRan(exercise: exercise, status: .passed))
                    default: .checkRan(CheckRan(exercise: exercise, status: .failed, failingChecks: ["check \(step)"]))
                    }
                    let millis = Double(pause.components.seconds) * 1_000 * (0.5 + Double(random.next() % 1_000) / 1_000)
                    Thread.sleep(forTimeInterval: millis / 1_000)
                    recordFact(event, in: seat.progress, at: recordedAt)
                    _ = seat.relay.relayOnce()
                }
                // Whatever an error left behind goes now (the TUI's relay would retry on its own).
                while seat.relay.waiting() > 0 {
                    if seat.relay.relayOnce().problem != nil { Thread.sleep(forTimeInterval: 0.2) }
                }
                done.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        await withCheckedContinuation { continuation in
            done.notify(queue: .global()) { continuation.resume() }
        }
        // Everything is relayed; give the board at most 30 s to see it, then count what it missed.
        let watchdog = Task {
            try await Task.sleep(for: .seconds(30))
            board.cancel()
        }
        let outcome = try await board.value
        watchdog.cancel()
        let sorted = outcome.latencies.sorted()
        func percentile(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            return (sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)] * 10).rounded() / 10
        }
        let distinct = Set(outcome.seen)
        return Result(
            attendees: attendees, events: outcome.seen.count,
            boardLatencyMsP50: percentile(0.5), boardLatencyMsP99: percentile(0.99),
            lost: max(0, expected - distinct.count), duplicated: outcome.seen.count - distinct.count)
    }

    /// Records a fact and notes when, by its event id (the id the class keeps).
    private func recordFact(_ event: ProgressEvent, in progress: WorkshopProgress, at recordedAt: SendTimes) {
        let before = (try? progress.store.headPosition()) ?? 0
        try? progress.record(event)
        let now = ContinuousClock.now
        if let recorded = try? progress.store.readAll(after: before, limit: 10) {
            recordedAt.times.withLock { map in for event in recorded { map[event.eventID] = now } }
        }
    }
}

/// When each fact was recorded, by event id, shared by the attendees' threads and the board.
final class SendTimes: Sendable {
    let times = Mutex([UUID: ContinuousClock.Instant]())
}
#endif
