/// A line-by-line diff by longest common subsequence: what `d` shows between an exercise file
/// and its solution.
///
/// ```swift
/// LineDiff.lines(from: "a\nb\n", to: "a\nc\n")
/// // [.same("a"), .removed("b"), .added("c")]
/// ```
///
/// Exercise files are a few hundred lines, so the quadratic table is a few hundred thousand
/// small integers: simpler and plenty fast next to Myers' algorithm.
public enum LineDiff {
    /// One line of a diff.
    public enum Entry: Sendable, Hashable {
        case same(String)
        case removed(String)
        case added(String)
        /// A run of unchanged lines left out, with how many.
        case skipped(Int)
    }

    /// The diff turning `old` into `new`, removals before additions at each change.
    public static func lines(from old: String, to new: String) -> [Entry] {
        let a = split(old), b = split(new)
        // lengths[i][j]: the LCS length of a[i...] and b[j...].
        var lengths = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i][j] = a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var entries: [Entry] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                entries.append(.same(a[i]))
                i += 1
                j += 1
            } else if j >= b.count || (i < a.count && lengths[i + 1][j] >= lengths[i][j + 1]) {
                entries.append(.removed(a[i]))
                i += 1
            } else {
                entries.append(.added(b[j]))
                j += 1
            }
        }
        return entries
    }

    /// The diff with unchanged runs longer than twice `context` shortened to `context` lines
    /// each side of a change, so the changes fit on a projector.
    public static func condensed(_ entries: [Entry], context: Int = 3) -> [Entry] {
        var result: [Entry] = []
        var index = 0
        while index < entries.count {
            guard case .same = entries[index] else {
                result.append(entries[index])
                index += 1
                continue
            }
            var end = index
            while end < entries.count, case .same = entries[end] { end += 1 }
            let run = end - index
            let keepBefore = index == 0 ? 0 : context
            let keepAfter = end == entries.count ? 0 : context
            if run > keepBefore + keepAfter + 1 {
                result += entries[index..<(index + keepBefore)]
                result.append(.skipped(run - keepBefore - keepAfter))
                result += entries[(end - keepAfter)..<end]
            } else {
                result += entries[index..<end]
            }
            index = end
        }
        return result
    }

    private static func split(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
