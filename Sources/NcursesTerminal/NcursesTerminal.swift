import CNcurses
import TerminalUI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real terminal, through ncursesw: paints grids by changed cells and decodes keys.
///
/// Create it once the process knows it runs in a terminal (`isTerminal()`), and call
/// `restore()` before exiting, including on signals, or the shell is left in raw mode.
///
/// ```swift
/// let terminal = try NcursesTerminal(colorMode: .requested(environment: env, noColorFlag: noColor))
/// defer { terminal.restore() }
/// ```
@MainActor
public final class NcursesTerminal: Terminal {
    /// The terminal could not be set up; the description is a sentence to show as it is.
    public struct StartFailure: Error, CustomStringConvertible {
        public let description: String
    }

    public private(set) var size: Size
    /// The colour mode in effect: monochrome when asked for or when the terminal has no colours.
    public let colorMode: ColorMode

    private let window: UnsafeMutablePointer<WINDOW>
    private var palette: ColorPalette
    private var previous: Grid?
    private var needsClear = true
    private var inputTimeout: Int32?
    private var isActive = true

    /// Whether stdin and stdout are both terminals; otherwise the app should point at its
    /// subcommands instead of starting the TUI.
    public static func isTerminal() -> Bool {
        isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
    }

    /// Whether the terminal type (`TERM`) can move the cursor, which drawing a screen needs:
    /// false for `TERM=dumb`, an unknown type, or one without cursor addressing.
    public static func canAddressCursor() -> Bool {
        cn_can_address_cursor() != 0
    }

    /// Takes over the terminal.
    ///
    /// - Parameters:
    ///   - colorMode: `.monochrome` for `NO_COLOR` / `--no-color`.
    ///   - interruptAsKey: deliver Ctrl-C, Ctrl-Z and Ctrl-\ as keys (curses raw mode) rather
    ///     than signals (cbreak mode), so the app can quit through its own loop.
    public init(colorMode: ColorMode, interruptAsKey: Bool = false) throws {
        // Without the user's locale ncurses treats every byte above 127 as its own character.
        setlocale(LC_ALL, "")
        guard cn_newterm() != nil, let screen = cn_stdscr() else {
            let name = getenv("TERM").map { String(cString: $0) } ?? "(unset)"
            throw StartFailure(description: "Cannot use this terminal (TERM=\(name)). Set TERM to a known terminal type, such as xterm-256color.")
        }
        window = screen
        if interruptAsKey { raw() } else { cbreak() }
        noecho()
        // Return is reported as \r and newlines are not translated on output: the grid places
        // every cell itself.
        nonl()
        keypad(window, true)
        // Escape is a key of its own here; 25 ms is enough to tell it from an arrow's sequence.
        _ = cn_set_escdelay(25)
        curs_set(0)

        if colorMode == .colors, has_colors() {
            start_color()
            let hasDefaults = use_default_colors() == OK
            palette = ColorPalette(colors: Int(cn_colors()), pairs: Int(cn_color_pairs()), hasDefaultColors: hasDefaults)
            self.colorMode = .colors
        } else {
            palette = ColorPalette(colors: 0, pairs: 0, hasDefaultColors: false)
            self.colorMode = .monochrome
        }
        size = Size(width: Int(cn_cols()), height: Int(cn_lines()))
    }

    public func draw(_ grid: Grid) {
        guard isActive else { return }
        let fullFrame = needsClear || previous?.size != grid.size
        if needsClear {
            // wclear also makes the next refresh clear the physical screen (Ctrl-L, $EDITOR).
            wclear(window)
        } else if fullFrame {
            werase(window)
        }
        let rows = min(grid.size.height, size.height)
        let columns = min(grid.size.width, size.width)
        for y in 0..<max(0, rows) {
            paintRow(y, of: grid, columns: columns, everyCell: fullFrame)
        }
        wrefresh(window)
        previous = grid
        needsClear = false
    }

    public func nextKey(timeout: Duration?) -> Key? {
        guard isActive else { return nil }
        let milliseconds = timeout.map(Self.milliseconds) ?? -1
        if milliseconds != inputTimeout {
            wtimeout(window, milliseconds)
            inputTimeout = milliseconds
        }
        var value: wint_t = 0
        let key: Key
        switch wget_wch(window, &value) {
        case KEY_CODE_YES:
            key = KeyDecoder.functionKey(Int32(bitPattern: value))
        case OK:
            key = Unicode.Scalar(UInt32(value)).map { Key(character: Character($0)) } ?? .unknown(Int(value))
        default:
            // No key: a timeout, or a terminal that hung up. A hung-up terminal returns at
            // once, every time, so without this check the loop would spin forever.
            if Self.inputHungUp() { isDisconnected = true }
            return nil
        }
        if key == .resize {
            size = Size(width: Int(cn_cols()), height: Int(cn_lines()))
            needsClear = true
        }
        return key
    }

    public private(set) var isDisconnected = false

    /// Whether standard input (the terminal) has hung up or gone bad.
    private static func inputHungUp() -> Bool {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 0) >= 0 else { return false }
        return descriptor.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    public func suspend() {
        guard isActive else { return }
        def_prog_mode()
        curs_set(1)
        endwin()
    }

    public func resume() {
        guard isActive else { return }
        reset_prog_mode()
        curs_set(0)
        wrefresh(window)
        // The editor may have run at another size; ncurses reports the change as KEY_RESIZE later.
        size = Size(width: Int(cn_cols()), height: Int(cn_lines()))
        needsClear = true
    }

    public func forceFullRedraw() {
        needsClear = true
    }

    public func bell() {
        beep()
    }

    public func restore() {
        guard isActive else { return }
        isActive = false
        curs_set(1)
        endwin()
    }

    /// Paints one row: only changed cells, or the whole row when it holds a wide character
    /// now or before, because overwriting half of one makes curses blank its other half.
    private func paintRow(_ y: Int, of grid: Grid, columns: Int, everyCell: Bool) {
        let start = y * grid.size.width
        let row = grid.cells[start..<(start + columns)]
        var wholeRow = everyCell
        var oldRow: ArraySlice<Cell> = []
        if !wholeRow, let previous {
            oldRow = previous.cells[start..<(start + columns)]
            if oldRow == row { return }
            wholeRow = row.contains(where: \.isContinuation) || oldRow.contains(where: \.isContinuation)
        }
        var x = 0
        while x < columns {
            let cell = grid[x, y]
            if cell.isContinuation {
                x += 1
                continue
            }
            let width = cell.width
            if !wholeRow, oldRow[start + x] == cell {
                x += width
                continue
            }
            if x + width > columns {
                // The terminal is narrower than the grid: never let a wide glyph wrap.
                paint(Cell(" ", style: cell.style), x: x, y: y)
                break
            }
            paint(cell, x: x, y: y)
            x += width
        }
    }

    private func paint(_ cell: Cell, x: Int, y: Int) {
        let style = cell.style.adapted(to: colorMode)
        var attributes = cn_a_normal()
        if style.isBold { attributes |= cn_a_bold() }
        if style.isDim { attributes |= cn_a_dim() }
        if style.isUnderlined { attributes |= cn_a_underline() }
        if style.isReversed { attributes |= cn_a_reverse() }
        let (pair, brighten) = palette.pair(foreground: style.foreground, background: style.background)
        if brighten { attributes |= cn_a_bold() }
        if pair > 0, let newPair = palette.takeNewPair(pair) {
            init_pair(Int16(pair), Int16(newPair.foreground), Int16(newPair.background))
        }

        // Nearly every cell is one scalar: no string to take apart.
        var characters = cell.scalar.map { [wchar_t(bitPattern: $0.value), 0] } ?? Self.wideCharacters(cell.symbol)
        var complex = cchar_t()
        if setcchar(&complex, &characters, attributes, Int16(pair), nil) != OK {
            var fallback: [wchar_t] = [wchar_t(UInt8(ascii: "?")), 0]
            _ = setcchar(&complex, &fallback, attributes, Int16(pair), nil)
        }
        // At the bottom-right corner this reports an error (the cursor cannot advance) even
        // though the cell is drawn, so the result is ignored.
        _ = wmove(window, Int32(y), Int32(x))
        _ = wadd_wch(window, &complex)
    }

    /// The symbol as a NUL-terminated spacing character plus at most four combining ones:
    /// a cchar_t holds no more (CCHARW_MAX), and setcchar wants only zero-width after the first.
    private static func wideCharacters(_ symbol: String) -> [wchar_t] {
        var result: [wchar_t] = []
        for scalar in symbol.unicodeScalars {
            if result.isEmpty {
                result.append(wchar_t(bitPattern: scalar.value))
                continue
            }
            guard result.count < 5 else { break }
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .spacingMark:
                result.append(wchar_t(bitPattern: scalar.value))
            default:
                continue
            }
        }
        if result.isEmpty { result.append(wchar_t(UInt8(ascii: " "))) }
        result.append(0)
        return result
    }

    private static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        let total = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return Int32(clamping: max(0, total))
    }
}
