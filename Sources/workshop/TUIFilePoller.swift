import Foundation

/// Watches the current exercise's files by polling their modification time and size.
///
/// A thin stand-in until WorkshopKit's watcher lands: a handful of files polled four times a
/// second costs nothing, works on every file system (containers, network mounts), and sees
/// editors that save by renaming a new file over the old one, which inotify on the file misses.
struct TUIFilePoller: Sendable {
    /// (path shown to the app, absolute path) of each file.
    let files: [(String, String)]
    let interval: Duration

    private struct Stamp: Equatable {
        var modified: Date?
        var size: Int?
    }

    /// Calls `saved` with the shown path of each file that changed, until the task is cancelled.
    func run(saved: @Sendable (String) -> Void) async {
        var stamps = files.map { Self.stamp($0.1) }
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            if Task.isCancelled { return }
            for (index, file) in files.enumerated() {
                let now = Self.stamp(file.1)
                if now != stamps[index] {
                    stamps[index] = now
                    // A file mid-write is usually empty: its final save comes next.
                    if now.size != 0 { saved(file.0) }
                }
            }
        }
    }

    private static func stamp(_ path: String) -> Stamp {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        return Stamp(modified: attributes?[.modificationDate] as? Date, size: (attributes?[.size] as? NSNumber)?.intValue)
    }
}
