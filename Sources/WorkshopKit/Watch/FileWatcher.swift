import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Tells when files in some folders were saved, once per burst of changes.
///
/// ```swift
/// let watcher = FileWatcher(folders: [paths.exercises.appending(path: exercise.sourceFolder)])
/// for await changed in watcher.changes() { ... re-run the check ... }
/// ```
///
/// On Linux it uses inotify and reacts to files closed after writing, moved in or created, which
/// covers editors that save by writing a temporary file and renaming it over the original.
/// Swap and backup files (`.x.swp`, `x~`, vim's `4913`) are ignored. Changes are reported after
/// 200 ms without further changes (the debounce), so one save is one report. When inotify is not
/// available (or `mode` is `.polling`) it compares modification times and sizes every 250 ms.
public final class FileWatcher: Sendable {
    public enum Mode: Sendable, Hashable {
        /// inotify, falling back to polling when it fails.
        case automatic
        /// Polling only (network file systems, containers without inotify): `--poll`.
        case polling
    }

    public let folders: [URL]
    public let debounce: Duration
    public let mode: Mode
    private let stopped = Atomic<Bool>(false)
    private let usedPolling = Atomic<Bool>(false)
    /// Whether the watch is in place, and who waits for it (`ready()`).
    private let readiness = Mutex<(isReady: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    public init(folders: [URL], debounce: Duration = .milliseconds(200), mode: Mode = .automatic) {
        self.folders = folders
        self.debounce = debounce
        self.mode = mode
    }

    /// Whether the watcher fell back to (or was asked for) polling.
    public var isPolling: Bool { usedPolling.load(ordering: .relaxed) }

    /// Returns once the watch started by `changes()` is in place (inotify watches added, or the
    /// polling's first snapshot taken): a save after this is seen. Call it after `changes()`.
    public func ready() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let isReady = readiness.withLock { state in
                if !state.isReady { state.waiters.append(continuation) }
                return state.isReady
            }
            if isReady { continuation.resume() }
        }
    }

    private func markReady() {
        let waiters = readiness.withLock { state in
            state.isReady = true
            defer { state.waiters = [] }
            return state.waiters
        }
        waiters.forEach { $0.resume() }
    }

    /// Whether a file name is an editor's scratch file rather than a real save.
    public static func isIgnored(_ name: String) -> Bool {
        name.isEmpty || name.hasPrefix(".") || name.hasSuffix("~") || name == "4913"
            || name.hasSuffix(".swp") || name.hasSuffix(".swx") || name.hasSuffix(".tmp") || name.hasPrefix("#")
    }

    /// The changed files (sorted paths), one array per debounced burst, until `stop()` or the
    /// consumer stops iterating.
    public func changes() -> AsyncStream<[String]> {
        let (stream, continuation) = AsyncStream<[String]>.makeStream()
        let watcher = self
        let thread = Thread {
            if watcher.mode == .automatic, let inotify = InotifySource(folders: watcher.folders) {
                watcher.markReady()
                watcher.loop(poll: { inotify.read(timeoutMilliseconds: 50) }, continuation: continuation)
                inotify.close()
            } else {
                watcher.usedPolling.store(true, ordering: .relaxed)
                var snapshot = Self.snapshot(watcher.folders)
                watcher.markReady()
                watcher.loop(poll: {
                    usleep(250_000)
                    let next = Self.snapshot(watcher.folders)
                    defer { snapshot = next }
                    return Set(next.keys).union(snapshot.keys).filter { next[$0] != snapshot[$0] }.sorted()
                }, continuation: continuation)
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in watcher.stop() }
        thread.start()
        return stream
    }

    /// Stops watching; the stream of changes ends.
    public func stop() {
        stopped.store(true, ordering: .relaxed)
    }

    /// Collects changed paths from `poll` and yields them once nothing changed for `debounce`.
    private func loop(poll: () -> [String], continuation: AsyncStream<[String]>.Continuation) {
        var pending: Set<String> = []
        var lastChange = ContinuousClock.now
        while !stopped.load(ordering: .relaxed) {
            let changed = poll().filter { !Self.isIgnored(URL(filePath: $0).lastPathComponent) }
            if !changed.isEmpty {
                pending.formUnion(changed)
                lastChange = .now
            } else if !pending.isEmpty, ContinuousClock.now - lastChange >= debounce {
                continuation.yield(pending.sorted())
                pending = []
            }
        }
    }

    private struct Stamp: Equatable {
        var modified: Date?
        var size: Int?
    }

    private static func snapshot(_ folders: [URL]) -> [String: Stamp] {
        var stamps: [String: Stamp] = [:]
        for folder in folders {
            guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.contentModificationDateKey, .fileSizeKey]) else { continue }
            for case let url as URL in enumerator {
                let values = try? url.resourceValues(forKeys: [.contentModificationDateKey, .fileSizeKey])
                stamps[url.path] = Stamp(modified: values?.contentModificationDate, size: values?.fileSize)
            }
        }
        return stamps
    }
}

/// An inotify descriptor watching folders (and their subfolders) for saves.
private final class InotifySource {
    private let descriptor: Int32
    private var folders: [Int32: String] = [:]
    private static let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE)

    init?(folders: [URL]) {
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        var added = false
        for folder in folders {
            var subfolders = [folder.path]
            if let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isDirectoryKey]) {
                for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isDirectoryKey]))?.isDirectory == true {
                    subfolders.append(url.path)
                }
            }
            for path in subfolders {
                let watch = inotify_add_watch(descriptor, path, Self.mask)
                if watch >= 0 {
                    self.folders[watch] = path
                    added = true
                }
            }
        }
        guard added else {
            Glibc.close(descriptor)
            return nil
        }
    }

    /// The paths of the events that arrive within `timeoutMilliseconds` (possibly none).
    func read(timeoutMilliseconds: Int32) -> [String] {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&request, 1, timeoutMilliseconds) > 0 else { return [] }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return [] }
        var paths: [String] = []
        var offset = 0
        let headerSize = MemoryLayout<inotify_event>.size
        while offset + headerSize <= count {
            let (watch, mask, length) = buffer.withUnsafeBytes { bytes -> (Int32, UInt32, Int) in
                let event = bytes.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                return (event.wd, event.mask, Int(event.len))
            }
            let nameBytes = buffer[(offset + headerSize)..<min(count, offset + headerSize + length)]
            let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
            if let folder = folders[watch], !name.isEmpty {
                let path = folder + "/" + name
                // A new subfolder: watch it too, so files saved into it are seen.
                if mask & UInt32(IN_ISDIR) != 0 {
                    let added = inotify_add_watch(descriptor, path, Self.mask)
                    if added >= 0 { folders[added] = path }
                } else {
                    paths.append(path)
                }
            }
            offset += headerSize + length
        }
        return paths
    }

    func close() {
        Glibc.close(descriptor)
    }
}
