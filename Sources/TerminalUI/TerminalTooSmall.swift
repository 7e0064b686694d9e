/// The screen shown instead of the app when the terminal is below its minimum size.
///
/// ```swift
/// if !terminal.size.isAtLeast(minimum) {
///     terminal.draw(TerminalTooSmall.screen(size: terminal.size, minimum: minimum))
/// }
/// ```
public struct TerminalTooSmall: Widget {
    public var minimum: Size
    public var current: Size

    public init(minimum: Size, current: Size) {
        self.minimum = minimum
        self.current = current
    }

    /// A whole grid of `size` with the message centred.
    public static func screen(size: Size, minimum: Size) -> Grid {
        var grid = Grid(size: size)
        grid.render(TerminalTooSmall(minimum: minimum, current: size), in: grid.area)
        return grid
    }

    /// The sentences shown, before wrapping.
    public var message: [String] {
        ["Terminal too small", "Need \(minimum), have \(current).", "Enlarge the window, or press q to quit."]
    }

    public func render(in area: Rect, on grid: inout Grid) {
        guard !area.isEmpty else { return }
        let lines = message.enumerated().flatMap { index, sentence in
            Line(sentence, style: index == 0 ? .bold : .plain).wrapped(width: area.width)
        }
        let top = area.y + max(0, (area.height - lines.count) / 2)
        for (row, line) in lines.enumerated() where top + row < area.maxY {
            let x = area.x + max(0, (area.width - line.width) / 2)
            grid.write(line, at: Point(x: x, y: top + row), clip: area)
        }
    }
}
