import EventSourcing
import EventSourcingSQLite
import Foundation

/// The learner's progress, event-sourced: every check, hint and reset is an event in our own
/// SQLite store (`.workshop/progress.sqlite`), and the list's statuses are a projection of them.
///
/// ```swift
/// let (progress, notice) = WorkshopProgress.open(paths: paths)
/// try progress.recordCheck(outcome)
/// let next = try progress.summary().resume(in: catalog)
/// ```
public final class WorkshopProgress: Sendable {
    public let store: any EventStore
    private let projection: InMemoryProjection<ProgressSummary>

    public init(store: any EventStore) {
        self.store = store
        let codec = ProgressEvent.codec
        projection = InMemoryProjection(name: "progress", handles: codec.eventTypes, initial: ProgressSummary()) { summary, recorded in
            summary.apply(try codec.decode(recorded).event)
        }
    }

    /// Opens the progress file, or starts fresh when it cannot be used, never losing it:
    /// a corrupt file is moved aside (`progress.sqlite.broken-<time>`); a file locked by
    /// another workshop process is left alone and this run keeps its progress in memory.
    ///
    /// - Returns: the progress and, when something was not as expected, a sentence to show.
    public static func open(paths: ProjectPaths, now: Date = Date()) -> (progress: WorkshopProgress, notice: String?) {
        let file = paths.progressStore
        let files = FileManager.default
        let existed = files.fileExists(atPath: file.path)
        do {
            try files.createDirectory(at: paths.state, withIntermediateDirectories: true)
        } catch {
            return (WorkshopProgress(store: InMemoryEventStore()),
                    "Cannot create \(paths.relative(paths.state)) (\(error.localizedDescription)); progress will not be saved this time.")
        }
        do {
            let progress = try openChecked(file)
            return (progress, existed ? nil : "No saved progress yet: starting fresh in \(paths.relative(file)).")
        } catch let error as SQLiteEventStoreError where error.isLocked {
            return (WorkshopProgress(store: InMemoryEventStore()),
                    "\(paths.relative(file)) is locked by another workshop process; progress will not be saved this time.")
        } catch {
            let stamp = ISO8601DateFormatter().string(from: now).replacingOccurrences(of: ":", with: "")
            let aside = file.deletingLastPathComponent().appending(path: "\(file.lastPathComponent).broken-\(stamp)")
            do {
                try files.moveItem(at: file, to: aside)
                for suffix in ["-wal", "-shm"] {
                    let companion = URL(filePath: file.path + suffix)
                    if files.fileExists(atPath: companion.path) {
                        try? files.moveItem(at: companion, to: URL(filePath: aside.path + suffix))
                    }
                }
                let progress = try openChecked(file)
                return (progress, "\(paths.relative(file)) could not be read (\(error)); it was moved to \(paths.relative(aside)) and progress starts fresh.")
            } catch let second {
                return (WorkshopProgress(store: InMemoryEventStore()),
                        "\(paths.relative(file)) could not be read (\(error)) nor replaced (\(second)); progress will not be saved this time.")
            }
        }
    }

    /// Opens the store and reads every event once, so corruption shows now and not later.
    private static func openChecked(_ file: URL) throws -> WorkshopProgress {
        let store = try SQLiteEventStore(path: file.path, configuration: .init(busyTimeout: 2))
        let progress = WorkshopProgress(store: store)
        _ = try progress.summary()
        return progress
    }

    /// Runs `command` through `ProgressDecider` on its exercise's stream: load, decide, append
    /// with the exact version loaded, each event with its outbox message for the class in the
    /// same transaction (see `ProgressOutbox`); a conflict with another workshop process loads
    /// and decides again. Returns the exercise's progress after it.
    @discardableResult
    public func handle(_ command: ProgressCommand) throws -> ExerciseProgress {
        let handler = CommandHandler(decider: ProgressDecider.decider, codec: ProgressEvent.codec, store: store)
        let stream = ProgressEvent.streamID(exercise: command.exercise)
        var retries = 0
        while true {
            let (state, version) = try handler.load(stream)
            let events = try ProgressDecider.decider.decide(command, state)
            guard !events.isEmpty else { return state }
            let data = try events.map { try ProgressEvent.codec.encode($0) }
            do {
                try store.append(to: stream, expected: version.expectedVersion, events: data,
                                 outbox: data.map { ProgressOutbox.message(for: $0, stream: stream) })
                return events.reduce(state, ProgressDecider.decider.evolve)
            } catch let conflict as WrongExpectedVersion {
                guard retries < 3 else { throw conflict }
                retries += 1
            }
        }
    }

    /// Appends one event as it is, with its outbox message: for simulated attendees (the class
    /// benchmark and its tests). The app and the command line go through `handle`.
    public func record(_ event: ProgressEvent) throws {
        let data = try ProgressEvent.codec.encode(event)
        let stream = ProgressEvent.streamID(exercise: event.exercise)
        try store.append(to: stream, expected: .any, events: [data], outbox: [ProgressOutbox.message(for: data, stream: stream)])
    }

    /// The learner moved to `exercise` (the app opened it, or a command named it); recorded only
    /// when it is not already the exercise they were on. The same rule for the app and the
    /// command line.
    public func open(_ exercise: String) throws {
        try handle(.open(exercise: exercise, current: try summary().current))
    }

    /// Records a check of the learner's exercise, and its completion the first time it passes.
    /// Checks of solutions are not the learner's progress and are not recorded.
    public func recordCheck(_ outcome: CheckOutcome) throws {
        guard outcome.workspace == .exercises else { return }
        try handle(.recordCheck(CheckRan(outcome)))
    }

    /// Reveals the next hint of `exercise` (or up to `level`), records it, and returns the
    /// level to show (capped at the number of hints).
    public func revealHint(of exercise: Exercise, level: Int? = nil) throws -> Int {
        let after = try handle(.revealHint(exercise: exercise.id, level: level, hintCount: exercise.hints.count))
        return level.map { min(max(1, $0), exercise.hints.count) } ?? after.hintsRevealed
    }

    /// The exercise starts over: pending, no hints shown (nothing is recorded when it already is).
    public func reset(_ exercise: String) throws {
        try handle(.reset(exercise: exercise))
    }

    /// The read model, caught up with the store.
    public func summary() throws -> ProgressSummary {
        try ProjectionRunner(store: store).catchUp(projection)
        return projection.readModel
    }
}
