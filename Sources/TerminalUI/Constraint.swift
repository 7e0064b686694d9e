/// How much of a row or column a layout slot takes; used by `Rect.splitRows`, `Rect.splitColumns`
/// and table columns.
public enum Constraint: Hashable, Sendable {
    /// Exactly this many cells, or what is left.
    case fixed(Int)
    /// This percentage of the whole, or what is left.
    case percent(Int)
    /// An equal share of what the other constraints leave.
    case fill

    /// The lengths for `constraints` sharing `total` cells. Fixed and percent slots are served
    /// first, in order, so a short terminal squeezes the later ones; fills share the rest, the
    /// first fills taking the remainder so every cell is used.
    static func resolve(_ constraints: [Constraint], total: Int) -> [Int] {
        var remaining = max(0, total)
        var lengths = constraints.map { constraint -> Int in
            let wanted: Int
            switch constraint {
            case .fixed(let n): wanted = n
            case .percent(let p): wanted = total * p / 100
            case .fill: return 0
            }
            let length = min(max(0, wanted), remaining)
            remaining -= length
            return length
        }
        let fills = constraints.indices.filter { constraints[$0] == .fill }
        guard !fills.isEmpty else { return lengths }
        let share = remaining / fills.count
        let extra = remaining % fills.count
        for (n, index) in fills.enumerated() {
            lengths[index] = share + (n < extra ? 1 : 0)
        }
        return lengths
    }
}
