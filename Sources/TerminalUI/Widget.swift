/// Something that draws itself into an area of a grid; it keeps no state between frames.
///
/// ```swift
/// grid.render(Block(title: "1 Events", isFocused: true), in: area)
/// ```
public protocol Widget {
    /// Draws into `area` of `grid`, touching nothing outside it.
    func render(in area: Rect, on grid: inout Grid)
}
