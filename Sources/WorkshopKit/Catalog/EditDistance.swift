/// Levenshtein distance, to suggest the id a learner probably meant.
enum EditDistance {
    static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased()), b = Array(b.lowercased())
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// The candidates closest to `word` (at most three), or none when nothing is close enough
    /// for the suggestion to help; a prefix match counts as close.
    static func nearest(to word: String, among candidates: [String]) -> [String] {
        let scored = candidates.map { candidate -> (String, Int) in
            let distance = candidate.lowercased().hasPrefix(word.lowercased()) && !word.isEmpty ? 1 : between(word, candidate)
            return (candidate, distance)
        }
        let threshold = max(2, word.count / 2)
        guard let best = scored.map(\.1).min(), best <= threshold else { return [] }
        return Array(scored.filter { $0.1 == best }.map(\.0).prefix(3))
    }
}
