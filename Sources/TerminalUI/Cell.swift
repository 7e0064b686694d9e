import Synchronization

/// One terminal cell: a grapheme and its style.
///
/// A wide character (CJK, most emoji) lives in the left cell of a pair; the right one is a
/// continuation with an empty `symbol`, so a row always has exactly `width` cells.
///
/// A cell is a plain 12-byte value so that a frame of them costs no more than copying memory:
/// the grapheme is stored as its Unicode scalar when it has one (nearly always), and the rare
/// multi-scalar grapheme (a letter with a combining mark, an emoji sequence) as a number in a
/// process-wide table of such graphemes.
public struct Cell: Hashable, Sendable {
    /// A Unicode scalar value; from `GraphemeTable.firstID` on, an entry of `GraphemeTable`;
    /// 0 for a continuation.
    @usableFromInline var code: UInt32
    /// Columns covered: 0 for a continuation, 1 or 2 otherwise.
    @usableFromInline var columns: UInt8
    public var style: Style

    public init(_ symbol: String = " ", style: Style = .plain) {
        self.style = style
        let utf8 = symbol.utf8
        if utf8.count == 1, let byte = utf8.first {
            code = UInt32(byte)
            columns = 1
            return
        }
        var scalars = symbol.unicodeScalars.makeIterator()
        guard let first = scalars.next() else {
            code = 0
            columns = 0
            return
        }
        columns = UInt8(max(1, DisplayWidth.of(first)))
        code = scalars.next() == nil ? first.value : GraphemeTable.id(of: symbol)
    }

    /// A cell showing `character` over `width` columns (1 or 2), without re-measuring it.
    init(_ character: Character, width: Int, style: Style) {
        let scalars = character.unicodeScalars
        if let first = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex {
            code = first.value
        } else {
            code = GraphemeTable.id(of: String(character))
        }
        columns = UInt8(truncatingIfNeeded: width)
        self.style = style
    }

    /// A one-column cell showing an ASCII or other single-scalar character.
    @inlinable
    init(scalarValue: UInt32, style: Style) {
        code = scalarValue
        columns = 1
        self.style = style
    }

    /// A cell showing one scalar over `width` columns (1 or 2).
    @inlinable
    init(scalarValue: UInt32, width: Int, style: Style) {
        code = scalarValue
        columns = UInt8(truncatingIfNeeded: max(1, min(2, width)))
        self.style = style
    }

    /// The right half of a wide character.
    @inlinable
    static func continuation(style: Style) -> Cell {
        var cell = Cell.blank
        cell.code = 0
        cell.columns = 0
        cell.style = style
        return cell
    }

    /// An unstyled space.
    public static let blank = Cell()

    /// What the cell shows: one grapheme cluster, or `""` for the right half of a wide character.
    public var symbol: String {
        get {
            if columns == 0 { return "" }
            if code < GraphemeTable.firstID, let scalar = Unicode.Scalar(code) { return String(Character(scalar)) }
            return GraphemeTable.string(of: code)
        }
        set {
            self = Cell(newValue, style: style)
        }
    }

    /// The symbol's only Unicode scalar, when it has exactly one (nil for a continuation and
    /// for multi-scalar graphemes): lets a terminal paint without building a string.
    public var scalar: Unicode.Scalar? {
        guard columns > 0, code < GraphemeTable.firstID else { return nil }
        return Unicode.Scalar(code)
    }

    /// Whether this is the right half of a wide character.
    @inlinable
    public var isContinuation: Bool { columns == 0 }

    /// How many columns the symbol covers: 0 for a continuation, 1 or 2 otherwise.
    @inlinable
    public var width: Int { Int(columns) }
}

/// The multi-scalar graphemes cells have shown, each under a number above every Unicode
/// scalar. It only grows, by the distinct such graphemes a session draws: a handful.
enum GraphemeTable {
    /// The first number given out (one above the largest Unicode scalar).
    static let firstID: UInt32 = 0x11_0000

    private struct Table {
        var ids: [String: UInt32] = [:]
        var strings: [String] = []
    }

    private static let table = Mutex(Table())

    static func id(of grapheme: String) -> UInt32 {
        table.withLock { table in
            if let id = table.ids[grapheme] { return id }
            let id = firstID + UInt32(table.strings.count)
            table.strings.append(grapheme)
            table.ids[grapheme] = id
            return id
        }
    }

    static func string(of id: UInt32) -> String {
        table.withLock { table in
            let index = Int(id - firstID)
            return table.strings.indices.contains(index) ? table.strings[index] : "?"
        }
    }
}
