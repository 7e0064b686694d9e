import TerminalUI

/// Draws `widget` on a fresh grid of the given size, filling it.
func rendered(_ widget: some Widget, width: Int, height: Int) -> Grid {
    var grid = Grid(size: Size(width: width, height: height))
    grid.render(widget, in: grid.area)
    return grid
}

/// A grid with `text` written at the origin, clipped to `clip` when given.
func written(_ text: String, width: Int, at x: Int = 0, clip: Rect? = nil) -> Grid {
    var grid = Grid(size: Size(width: width, height: 1))
    grid.write(text, at: Point(x: x, y: 0), clip: clip)
    return grid
}
