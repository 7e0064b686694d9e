import TerminalUI

/// Colour pairs, allocated the first time a foreground/background combination is drawn.
///
/// Curses draws colours as numbered pairs, and a terminal may offer few of them, so pairs are
/// made on demand rather than all 17×17 up front; when they run out, colour is dropped for
/// that cell while its attributes stay.
struct ColorPalette {
    /// A pair to register with curses before first use.
    struct NewPair {
        let foreground: Int
        let background: Int
    }

    private let colors: Int
    private let pairLimit: Int
    private let hasDefaultColors: Bool
    private var assigned: [PairKey: Int] = [:]
    private var pending: [Int: NewPair] = [:]

    private struct PairKey: Hashable {
        let foreground: TerminalColor
        let background: TerminalColor
    }

    init(colors: Int, pairs: Int, hasDefaultColors: Bool) {
        self.colors = colors
        self.pairLimit = min(pairs, Int(Int16.max))
        self.hasDefaultColors = hasDefaultColors
    }

    /// The pair number for a combination (0 is the terminal default), and whether bold should
    /// stand in for a bright foreground the terminal does not have.
    mutating func pair(foreground: TerminalColor, background: TerminalColor) -> (Int, brighten: Bool) {
        guard colors > 0, foreground != .default || background != .default else { return (0, false) }
        let brighten = colors < 16 && (foreground.ansiIndex ?? 0) >= 8
        let key = PairKey(foreground: foreground, background: background)
        if let existing = assigned[key] { return (existing, brighten) }
        let number = assigned.count + 1
        guard number < pairLimit else { return (0, brighten) }
        assigned[key] = number
        pending[number] = NewPair(foreground: index(foreground, isForeground: true), background: index(background, isForeground: false))
        return (number, brighten)
    }

    /// The colours for `pair` if it was just allocated and curses has not been told yet.
    mutating func takeNewPair(_ pair: Int) -> NewPair? {
        pending.removeValue(forKey: pair)
    }

    private func index(_ color: TerminalColor, isForeground: Bool) -> Int {
        guard let ansi = color.ansiIndex else {
            // -1 is the terminal's own colour once use_default_colors succeeded.
            return hasDefaultColors ? -1 : (isForeground ? 7 : 0)
        }
        return colors >= 16 ? ansi : ansi % 8
    }
}
