import Foundation

/// A child's output, capped: the first and the last bytes kept, the middle counted and dropped.
///
/// A learner's check that prints in a loop must neither fill the app's memory nor hide the one
/// line that matters, which is usually at the start (the first error) or the end (the crash).
public struct CappedOutput: Sendable, Hashable {
    /// How many bytes are kept at most, half at the head and half at the tail.
    public let limit: Int
    private(set) var head = Data()
    private(set) var tail = Data()
    /// Bytes seen but not kept.
    public private(set) var droppedBytes = 0

    public init(limit: Int) {
        self.limit = max(2, limit)
    }

    public mutating func append(_ bytes: Data) {
        var bytes = bytes[...]
        let headRoom = limit / 2 - head.count
        if headRoom > 0 {
            head.append(bytes.prefix(headRoom))
            bytes = bytes.dropFirst(headRoom)
        }
        guard !bytes.isEmpty else { return }
        tail.append(bytes)
        let tailLimit = limit - limit / 2
        if tail.count > tailLimit {
            let excess = tail.count - tailLimit
            droppedBytes += excess
            tail = Data(tail.suffix(tailLimit))
        }
    }

    /// Everything kept, with a line saying how much was dropped in between.
    public var text: String {
        let headText = String(decoding: head, as: UTF8.self)
        let tailText = String(decoding: tail, as: UTF8.self)
        guard droppedBytes > 0 else { return headText + tailText }
        let separator = headText.hasSuffix("\n") ? "" : "\n"
        return headText + separator + "… [\(droppedBytes) bytes of output dropped] …\n" + tailText
    }
}
