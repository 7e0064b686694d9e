import TerminalUI

/// "Reset this exercise?" in a box; `y` resets, anything else keeps the learner's work.
struct ConfirmOverlay: Widget {
    var exercise: String
    var glyphs: Glyphs

    func render(in area: Rect, on grid: inout Grid) {
        let lines = [
            Line("Reset \(exercise) to its starting files?", style: .bold),
            Line("Your changes to its files are lost."),
            .empty,
            Line([Span("y", style: Theme.failed), Span(" reset   "), Span("n", style: .bold), Span(" keep my work")]),
        ]
        let box = area.centered(Size(width: 48, height: lines.count + 4))
        grid.fill(box)
        let block = Block(title: "Reset", isFocused: true, glyphs: glyphs)
        grid.render(block, in: box)
        grid.render(TextView(lines: lines, wrap: true), in: block.inner(box).inset(horizontal: 1, vertical: 1))
    }
}
