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

    /// Appends one event to its exercise's stream, with its outbox message for the class in
    /// the same transaction (see `ProgressOutbox`): recording never waits for the network.
    public func record(_ event: ProgressEvent) throws {
        let data = try ProgressEvent.codec.encode(event)
        let stream = ProgressEvent.streamID(exercise: event.exercise)
        try store.append(to: stream, expected: .any, events: [data], outbox: [ProgressOutbox.message(for: data, stream: stream)])
    }

    /// Records a check of the learner's exercise, and its completion the first time it passes.
    /// Checks of solutions are not the learner's progress and are not recorded.
    public func recordCheck(_ outcome: CheckOutcome) throws {
        guard outcome.workspace == .exercises else { return }
        let wasCompleted = try summary().progress(of: outcome.exercise).completed
        try record(.checkRan(CheckRan(outcome)))
        if outcome.status == .passed && !wasCompleted {
            try record(.exerciseCompleted(ExerciseCompleted(exercise: outcome.exercise)))
        }
    }

    /// Reveals the next hint of `exercise` (or up to `level`), records it, and returns the
    /// level now revealed (capped at the number of hints).
    public func revealHint(of exercise: Exercise, level: Int? = nil) throws -> Int {
        let revealed = try summary().progress(of: exercise.id).hintsRevealed
        let target = min(max(1, level ?? revealed + 1), exercise.hints.count)
        if target > revealed {
            try record(.hintRevealed(HintRevealed(exercise: exercise.id, level: target)))
        }
        return target
    }

    /// The read model, caught up with the store.
    public func summary() throws -> ProgressSummary {
        try ProjectionRunner(store: store).catchUp(projection)
        return projection.readModel
    }
}
