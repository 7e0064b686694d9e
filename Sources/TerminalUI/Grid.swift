/// A screenful of cells that views draw into; the terminal adapter paints it.
///
/// Writes clip to the grid and to an optional rectangle, in display columns: tabs expand to
/// the next multiple of 8 from where the write began, wide characters take two cells and are
/// never split at an edge, combining marks stay with their base, control characters show as `?`.
///
/// ```swift
/// var grid = Grid(size: Size(width: 20, height: 2))
/// grid.write("Hello, 世界", at: Point(x: 0, y: 0))
/// grid.text   // "Hello, 世界\n"
/// ```
public struct Grid: Hashable, Sendable {
    public let size: Size
    /// Row-major cells, `size.width * size.height` of them.
    public private(set) var cells: [Cell]

    /// Columns between tab stops.
    public static let tabWidth = 8

    public init(size: Size, filling cell: Cell = .blank) {
        self.size = Size(width: max(0, size.width), height: max(0, size.height))
        self.cells = Array(repeating: cell, count: self.size.width * self.size.height)
    }

    /// The whole grid as a rectangle at the origin.
    public var area: Rect { Rect(size: size) }

    /// The cell at column `x`, row `y`; a blank outside the grid.
    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, y >= 0, x < size.width, y < size.height else { return .blank }
        return cells[y * size.width + x]
    }

    /// Writes `text` on row `point.y` from column `point.x`, clipped to `clip` (and the grid),
    /// and returns the column after the last cell written.
    @discardableResult
    public mutating func write(_ text: String, at point: Point, style: Style = .plain, clip: Rect? = nil) -> Int {
        write(Line(text, style: style), at: point, clip: clip)
    }

    /// Writes a styled line; spans follow one another and tabs count from `point.x`.
    @discardableResult
    public mutating func write(_ line: Line, at point: Point, clip: Rect? = nil) -> Int {
        let bounds = (clip ?? area).intersection(area)
        guard point.y >= bounds.minY, point.y < bounds.maxY else { return point.x }
        var writer = RowWriter(y: point.y, x: point.x, tabOrigin: point.x, bounds: bounds)
        for span in line.spans {
            guard writer.write(span.text, style: span.style, into: &self) else { break }
        }
        return writer.x
    }

    /// Fills `rect` with copies of `cell`.
    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        let target = rect.intersection(area)
        guard !target.isEmpty else { return }
        let width = cell.width
        guard width == 1 else {
            // Wide (or empty) fill cells are rare: place them one by one.
            let padding = Cell(scalarValue: 0x20, style: cell.style)
            for y in target.minY..<target.maxY {
                var x = target.minX
                while width > 0, x + width <= target.maxX {
                    put(cell, x: x, y: y)
                    x += width
                }
                while x < target.maxX {
                    put(padding, x: x, y: y)
                    x += 1
                }
            }
            return
        }
        let columns = size.width
        cells.withUnsafeMutableBufferPointer { cells in
            for y in target.minY..<target.maxY {
                let row = y * columns
                Self.unsplit(&cells, row: row, from: target.minX, to: target.maxX, columns: columns)
                for index in (row + target.minX)..<(row + target.maxX) { cells[index] = cell }
            }
        }
    }

    /// Replaces the style of every cell in `rect`.
    public mutating func setStyle(_ style: Style, in rect: Rect) {
        forEachIndex(in: rect) { cells, index in cells[index].style = style }
    }

    /// Patches `overlay` over the style of every cell in `rect` (see `Style.patched(with:)`).
    public mutating func patchStyle(_ overlay: Style, in rect: Rect) {
        forEachIndex(in: rect) { cells, index in cells[index].style = cells[index].style.patched(with: overlay) }
    }

    /// Draws `widget` into `area`.
    public mutating func render(_ widget: some Widget, in area: Rect) {
        widget.render(in: area, on: &self)
    }

    /// This grid as `mode` shows it: colours dropped in monochrome, attributes kept.
    public func adapted(to mode: ColorMode) -> Grid {
        guard mode == .monochrome else { return self }
        var copy = self
        for index in copy.cells.indices {
            copy.cells[index].style = copy.cells[index].style.adapted(to: mode)
        }
        return copy
    }

    private mutating func forEachIndex(in rect: Rect, _ body: (inout UnsafeMutableBufferPointer<Cell>, Int) -> Void) {
        let target = rect.intersection(area)
        guard !target.isEmpty else { return }
        let columns = size.width
        cells.withUnsafeMutableBufferPointer { cells in
            for y in target.minY..<target.maxY {
                for x in target.minX..<target.maxX { body(&cells, y * columns + x) }
            }
        }
    }

    /// Blanks the halves of wide characters that columns `from..<to` of a row would cut:
    /// a continuation at `from` loses its left half, a wide character at `to - 1` its right.
    private static func unsplit(_ cells: inout UnsafeMutableBufferPointer<Cell>, row: Int, from: Int, to: Int, columns: Int) {
        if from > 0, cells[row + from].isContinuation {
            cells[row + from - 1] = Cell(scalarValue: 0x20, style: cells[row + from - 1].style)
        }
        if to < columns, cells[row + to - 1].width == 2 {
            cells[row + to] = Cell(scalarValue: 0x20, style: cells[row + to - 1].style)
        }
    }

    /// Sets one cell (two for a wide one), first blanking any wide character it would cut
    /// in half, so a row never holds an orphaned half.
    mutating func put(_ cell: Cell, x: Int, y: Int) {
        let width = max(1, cell.width)
        guard y >= 0, y < size.height, x >= 0, x + width <= size.width else { return }
        let row = y * size.width
        let columns = size.width
        cells.withUnsafeMutableBufferPointer { cells in
            Self.unsplit(&cells, row: row, from: x, to: x + width, columns: columns)
            cells[row + x] = cell
            if width == 2 { cells[row + x + 1] = .continuation(style: cell.style) }
        }
    }

    /// Appends a zero-width character (a stray combining mark) to the cell before `x`.
    mutating func attach(_ character: Character, before x: Int, y: Int) {
        var column = x - 1
        while column > 0, self[column, y].isContinuation { column -= 1 }
        guard column >= 0, column < size.width, y >= 0, y < size.height else { return }
        let index = y * size.width + column
        var symbol = cells[index].symbol
        symbol.append(character)
        // The width stays that of the first scalar, which the mark does not change.
        cells[index] = Cell(symbol, style: cells[index].style)
    }
}

/// The state of one write along a row: where the next cell goes and where tab stops count from.
private struct RowWriter {
    let y: Int
    var x: Int
    let tabOrigin: Int
    let bounds: Rect
    var wroteAny = false

    /// Writes `text`; returns false once the right edge is reached.
    mutating func write(_ text: String, style: Style, into grid: inout Grid) -> Bool {
        // Most text is printable ASCII: one byte, one cell, no grapheme breaking.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            for byte in text.utf8 {
                guard place(Cell(scalarValue: UInt32(byte), style: style), into: &grid) else { return false }
            }
            return true
        }
        // Box drawing, punctuation, symbols, Latin: scalars that are each a grapheme of their
        // own, so no grapheme breaking is needed either.
        if text.unicodeScalars.allSatisfy(Self.standsAlone) {
            for scalar in text.unicodeScalars {
                if scalar == "\t" {
                    let spaces = Grid.tabWidth - (x - tabOrigin) % Grid.tabWidth
                    for _ in 0..<spaces {
                        guard place(Cell(scalarValue: 0x20, style: style), into: &grid) else { return false }
                    }
                    continue
                }
                let width = DisplayWidth.of(scalar)
                guard place(Cell(scalarValue: scalar.value, width: width, style: style), into: &grid) else { return false }
            }
            return true
        }
        for character in text {
            if x >= bounds.maxX { return false }
            if character == "\t" {
                let spaces = Grid.tabWidth - (x - tabOrigin) % Grid.tabWidth
                for _ in 0..<spaces {
                    guard place(Cell(scalarValue: 0x20, style: style), into: &grid) else { return false }
                }
                continue
            }
            if character.isControl {
                guard place(Cell(scalarValue: 0x3F, style: style), into: &grid) else { return false }
                continue
            }
            let width = character.displayWidth
            if width == 0 {
                // A combining mark with no base in this string (Swift already keeps marks with
                // their base inside one Character): join it to whatever is drawn before it.
                if wroteAny, x > bounds.minX { grid.attach(character, before: x, y: y) }
                continue
            }
            guard place(Cell(character, width: width, style: style), into: &grid) else { return false }
        }
        return true
    }

    /// Whether `scalar` is always a grapheme cluster by itself and at least one column wide:
    /// printable, not a mark, joiner, format character, Hangul jamo or regional indicator.
    static func standsAlone(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x20..<0x7F, 0xA0..<0xAD, 0xAE..<0x300: true
        case 0x2010..<0x2028, 0x2030..<0x205F, 0x2070..<0x20D0, 0x2100..<0x2CEF, 0x2CF2..<0x2D7F, 0x2D80..<0x2DE0, 0x2E00..<0x2E80: true
        default: false
        }
    }

    private mutating func place(_ cell: Cell, into grid: inout Grid) -> Bool {
        if x >= bounds.maxX { return false }
        let width = cell.width
        defer { x += width }
        if x + width <= bounds.minX { return true }
        if x < bounds.minX {
            // The right half of a wide character scrolled past the left edge: show a space.
            grid.put(Cell(scalarValue: 0x20, style: cell.style), x: bounds.minX, y: y)
            wroteAny = true
            return true
        }
        if x + width > bounds.maxX {
            // Never split a wide character at the right edge: pad the last cell instead.
            grid.put(Cell(scalarValue: 0x20, style: cell.style), x: x, y: y)
            return false
        }
        grid.put(cell, x: x, y: y)
        wroteAny = true
        return true
    }
}
