import CheckReport
import Foundation
import Synchronization

/// A full-size run's progress on standard error: one line per phase and per step, and on a
/// terminal a bar redrawn in place under the phase.
public final class LiveProgress: Sendable {
    private let state: Mutex<(bar: ProgressBar?, title: String)>

    public init(onTerminal: Bool) {
        state = Mutex((onTerminal ? ProgressBar(total: 1) : nil, ""))
    }

    public func show(_ progress: RunProgress) {
        state.withLock { state in
            if state.title != progress.title {
                state.bar?.finish()
                state.title = progress.title
                FileHandle.standardError.write(Data((progress.title + "\n").utf8))
            }
            state.bar?.show(Int(progress.done), of: Int(progress.total), label: progress.detail ?? "events")
        }
    }

    public func step(_ title: String) {
        state.withLock { state in
            state.bar?.finish()
            FileHandle.standardError.write(Data("· \(title)\n".utf8))
        }
    }

    public func end() {
        state.withLock { $0.bar?.finish() }
    }
}
