import EventSourcing
import EventSourcingSQLite
import CheckReport
import Foundation
import Synchronization
import WorkshopApp
import WorkshopKit

/// The TUI's side effects, done with WorkshopKit: checks in child processes, the exercise's
/// files watched, progress recorded, resets, diffs, and pages of the sample store.
///
/// Every effect runs in a detached task and answers through `send`; nothing here blocks the
/// loop that reads keys.
public final class WorkshopEffects: EffectInterpreter {
    private struct Running {
        var check: Task<Void, Never>?
        var watch: Task<Void, Never>?
        var sampleStore: SQLiteEventStore?
    }

    public let paths: ProjectPaths
    public let catalog: Catalog
    public let runner: Runner
    public let progress: WorkshopProgress
    public let pristine: PristineFiles
    public let watchMode: FileWatcher.Mode
    private let running = Mutex(Running())

    public init(paths: ProjectPaths, catalog: Catalog, runner: Runner, progress: WorkshopProgress, pristine: PristineFiles, watchMode: FileWatcher.Mode) {
        self.paths = paths
        self.catalog = catalog
        self.runner = runner
        self.progress = progress
        self.pristine = pristine
        self.watchMode = watchMode
    }

    public func perform(_ effect: Effect, send: @escaping @Sendable (Msg) -> Void) {
        switch effect {
        case .loadInstructions(let id):
            guard let exercise = exercise(id, send) else { return }
            let url = paths.exercises.appending(path: exercise.instructions)
            let relative = paths.relative(url)
            Task.detached {
                let text = (try? String(contentsOf: url, encoding: .utf8))
                    ?? "# \(exercise.title)\n\nThe instructions are missing: \(relative) cannot be read."
                send(.instructionsLoaded(exercise: id, text: text))
            }
        case .runCheck(let id, let workspace):
            guard let exercise = exercise(id, send) else { return }
            let runner = runner
            let next = workspace == .exercises ? catalog.exercise(after: exercise) : nil
            let task = Task.detached {
                for await event in runner.events(for: exercise, in: workspace) {
                    send(.checkProgressed(event))
                }
                // While the learner works, the next exercise builds at low priority, so that its
                // first check is quick. A newer check cancels it with this task.
                guard let next, !Task.isCancelled else { return }
                _ = try? await runner.prebuild(next, lowPriority: true)
            }
            // A newer check replaces the running one; cancelling it kills its child processes.
            running.withLock { state in
                state.check?.cancel()
                state.check = task
            }
        case .runFullSize(let id, let workspace):
            guard let exercise = exercise(id, send) else { return }
            guard FileManager.default.fileExists(atPath: paths.sampleStore.path) else {
                send(.failed("No sample store yet: run `workshop seed` in another terminal (a million events take a few minutes), then press p again."))
                return
            }
            let runner = runner
            let task = Task.detached {
                let outcome = try? await runner.fullSizeRun(exercise, in: workspace) { event in
                    send(.fullSizeProgressed(event))
                }
                if let outcome, !Task.isCancelled { send(.fullSizeProgressed(.finished(outcome))) }
            }
            // It takes the check's place: a save or `r` cancels it, and it cancels a check.
            running.withLock { state in
                state.check?.cancel()
                state.check = task
            }
        case .watch(let id):
            guard let exercise = exercise(id, send) else { return }
            // The same watcher as `workshop watch`: inotify with a 200 ms debounce, or polling.
            let watcher = FileWatcher(folders: [paths.exercises.appending(path: exercise.sourceFolder)], mode: watchMode)
            let files = Set(exercise.files.map { "Exercises/" + $0 })
            let paths = paths
            let task = Task.detached {
                // Cancelling the task ends the stream, which stops the watcher's thread.
                for await changed in watcher.changes() {
                    // One burst is one save: one message, for the first of the exercise's files.
                    let saved = changed.map { paths.relative(URL(filePath: $0)) }.first { files.contains($0) }
                    if let saved { send(.fileSaved(path: saved)) }
                }
            }
            running.withLock { state in
                state.watch?.cancel()
                state.watch = task
            }
        case .recordOpened(let id):
            record(send) { try $0.record(.exerciseOpened(ExerciseOpened(exercise: id))) }
        case .recordOutcome(let outcome):
            record(send) { try $0.recordCheck(outcome) }
        case .recordHint(let id, let level):
            guard let exercise = exercise(id, send) else { return }
            record(send) { _ = try $0.revealHint(of: exercise, level: level) }
        case .resetExercise(let id):
            guard let exercise = exercise(id, send) else { return }
            let (pristine, paths, progress) = (pristine, paths, progress)
            Task.detached {
                do {
                    _ = try pristine.restore(exercise, into: paths.exercises)
                    try? progress.record(.exerciseReset(ExerciseReset(exercise: id)))
                    send(.exerciseReset(exercise: id, error: nil))
                } catch {
                    send(.exerciseReset(exercise: id, error: "Could not reset \(id): \(error)"))
                }
            }
        case .loadDiff(let id):
            guard let exercise = exercise(id, send) else { return }
            let paths = paths
            Task.detached {
                let files = exercise.files.map { file in
                    DiffDocument.File(
                        path: "Exercises/" + file,
                        exercise: try? String(contentsOf: paths.exercises.appending(path: file), encoding: .utf8),
                        solution: try? String(contentsOf: paths.solutions.appending(path: file), encoding: .utf8))
                }
                send(.diffLoaded(DiffDocument(exercise: id, files: files)))
            }
        case .loadStorePage(let query):
            Task.detached { [self] in
                do {
                    send(.storePageLoaded(try self.page(query)))
                } catch let missing as NoSampleStoreToBrowse {
                    send(.storeUnavailable(missing.description))
                } catch {
                    send(.storeUnavailable("The sample store cannot be read: \(error)"))
                }
            }
        case .redraw, .bell, .quit, .openEditor:
            // The runtime does these itself.
            break
        }
    }

    public func runEditor(path: String, line: Int?) -> String? {
        Editor.run(file: paths.root.appending(path: path).path, line: line)
    }

    public func shutdown() async {
        let tasks = running.withLock { state -> [Task<Void, Never>] in
            defer { state.check = nil; state.watch = nil }
            return [state.check, state.watch].compactMap { $0 }
        }
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
    }

    // MARK: Helpers

    private func exercise(_ id: String, _ send: @Sendable (Msg) -> Void) -> Exercise? {
        do {
            return try catalog.exercise(id: id)
        } catch {
            send(.failed(error.message))
            return nil
        }
    }

    private func record(_ send: @escaping @Sendable (Msg) -> Void, _ write: @escaping @Sendable (WorkshopProgress) throws -> Void) {
        let progress = progress
        Task.detached {
            do {
                try write(progress)
            } catch {
                send(.failed("Progress could not be saved: \(error)"))
            }
        }
    }

    /// One page of the sample store, opened read-only on first use and kept open.
    public func page(_ query: StoreQuery) throws -> StorePage {
        let store = try running.withLock { state -> SQLiteEventStore in
            if let store = state.sampleStore { return store }
            let path = paths.sampleStore.path
            guard FileManager.default.fileExists(atPath: path) else {
                throw NoSampleStoreToBrowse(path: paths.relative(paths.sampleStore))
            }
            let store = try SQLiteEventStore(path: path, configuration: .init(readOnly: true))
            state.sampleStore = store
            return store
        }
        return try Self.page(query, in: store)
    }

    /// One page of `store`: what the browser and `bench tui` read.
    public static func page(_ query: StoreQuery, in store: SQLiteEventStore) throws -> StorePage {
        let head = try store.headPosition()
        switch query {
        case .log(let after):
            let events = try store.readAll(after: after, limit: StoreBrowser.pageSize)
            return StorePage(query: query, events: events.map(TracedEvent.init), headPosition: head)
        case .stream(let id, let version):
            let events = try store.readStream(id, from: max(1, version), direction: .forward, limit: StoreBrowser.pageSize)
            let length = try store.streamState(id)
            return StorePage(query: query, events: events.map(TracedEvent.init), headPosition: head, streamLength: length.version)
        }
    }
}

/// There is no sample store yet; the sentence says how to make one.
struct NoSampleStoreToBrowse: Error, CustomStringConvertible {
    let path: String
    var description: String {
        "No sample store yet. Run `workshop seed` in another terminal to write a hotel history into \(path), then press b twice."
    }
}
