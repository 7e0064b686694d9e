import Foundation

/// A one-line progress bar on standard error, redrawn at most ten times a second.
public final class ProgressBar {
    private var total: Int
    private var lastDrawn = Date.distantPast
    private var lastWidth = 0

    public init(total: Int) {
        self.total = total
    }

    /// Redraws the bar; `total` changes it (a log that keeps growing), `label` follows the counts.
    public func show(_ done: Int, of total: Int? = nil, label: String = "events") {
        if let total { self.total = total }
        let now = Date()
        guard now.timeIntervalSince(lastDrawn) >= 0.1 || done >= self.total else { return }
        lastDrawn = now
        let fraction = min(1, Double(done) / Double(max(self.total, 1)))
        let width = 30
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let text = "[\(bar)] \(Int(fraction * 100))%  \(done)/\(self.total) \(label)"
        // Pad over the previous line: a shorter label must not leave the old one's tail behind.
        let padding = String(repeating: " ", count: max(0, lastWidth - text.count))
        lastWidth = text.count
        FileHandle.standardError.write(Data("\r\(text)\(padding)".utf8))
    }

    /// Ends the bar's line, if one was drawn; the next `show` starts a new one.
    public func finish() {
        guard lastWidth > 0 else { return }
        lastWidth = 0
        lastDrawn = .distantPast
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
