/// A one-row progress bar: a label, the bar, and the percentage.
///
/// Drawn with glyphs rather than colour so it reads the same under `NO_COLOR` and in a text
/// snapshot: `Stage 2 ██████░░░░ 60%`.
public struct Gauge: Widget {
    /// Progress from 0 to 1; values outside are clamped.
    public var ratio: Double
    public var label: String
    public var glyphs: Glyphs
    public var filledStyle: Style

    public init(ratio: Double, label: String = "", glyphs: Glyphs = .unicode, filledStyle: Style = Style(foreground: .green)) {
        self.ratio = ratio
        self.label = label
        self.glyphs = glyphs
        self.filledStyle = filledStyle
    }

    public func render(in area: Rect, on grid: inout Grid) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        grid.write(line(width: area.width), at: row.origin, clip: row)
    }

    /// The gauge as one line `width` cells wide, for panes made of lines.
    public func line(width: Int) -> Line {
        let clamped = ratio.isFinite ? min(1, max(0, ratio)) : 0
        let percent = "\(Int((clamped * 100).rounded(.down)))%"
        let prefix = label.isEmpty ? "" : label + " "
        let barWidth = width - prefix.displayWidth - percent.count - 1
        guard barWidth >= 1 else { return Line(prefix + percent) }
        let filled = Int((Double(barWidth) * clamped).rounded(.down))
        return Line([
            Span(prefix),
            Span(String(repeating: glyphs.gaugeFilled, count: filled), style: filledStyle),
            Span(String(repeating: glyphs.gaugeEmpty, count: barWidth - filled), style: .dim),
            Span(" " + percent),
        ])
    }
}
