/// Every non-letter glyph the widgets draw, in a Unicode and an ASCII (`--ascii`) set.
///
/// ```swift
/// let glyphs = options.ascii ? Glyphs.ascii : .unicode
/// ```
public struct Glyphs: Hashable, Sendable {
    public var box: BoxStyle
    public var focusedBox: BoxStyle
    public var bullet: String
    public var ellipsis: String
    public var gaugeFilled: String
    public var gaugeEmpty: String
    public var horizontalRule: String
    public var divider: String
    public var quoteBar: String

    public init(
        box: BoxStyle, focusedBox: BoxStyle, bullet: String, ellipsis: String, gaugeFilled: String,
        gaugeEmpty: String, horizontalRule: String, divider: String, quoteBar: String
    ) {
        self.box = box
        self.focusedBox = focusedBox
        self.bullet = bullet
        self.ellipsis = ellipsis
        self.gaugeFilled = gaugeFilled
        self.gaugeEmpty = gaugeEmpty
        self.horizontalRule = horizontalRule
        self.divider = divider
        self.quoteBar = quoteBar
    }

    /// Line drawing, bullets and blocks.
    public static let unicode = Glyphs(
        box: .light, focusedBox: .heavy, bullet: "•", ellipsis: "…", gaugeFilled: "█", gaugeEmpty: "░",
        horizontalRule: "─", divider: "│", quoteBar: "│"
    )

    /// Plain ASCII.
    public static let ascii = Glyphs(
        box: .ascii, focusedBox: .asciiFocused, bullet: "*", ellipsis: "...", gaugeFilled: "#", gaugeEmpty: "-",
        horizontalRule: "-", divider: "|", quoteBar: "|"
    )
}
