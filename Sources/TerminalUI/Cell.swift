/// One terminal cell: a grapheme and its style.
///
/// A wide character (CJK, most emoji) lives in the left cell of a pair; the right one is a
/// continuation with an empty `symbol`, so a row always has exactly `width` cells.
public struct Cell: Hashable, Sendable {
    /// What the cell shows: one grapheme cluster, or `""` for the right half of a wide character.
    public var symbol: String
    public var style: Style

    public init(_ symbol: String = " ", style: Style = .plain) {
        self.symbol = symbol
        self.style = style
    }

    /// An unstyled space.
    public static let blank = Cell()

    /// Whether this is the right half of a wide character.
    public var isContinuation: Bool { symbol.isEmpty }

    /// How many columns the symbol covers: 0 for a continuation, 1 or 2 otherwise.
    public var width: Int {
        guard let first = symbol.first else { return 0 }
        return max(1, first.displayWidth)
    }
}
