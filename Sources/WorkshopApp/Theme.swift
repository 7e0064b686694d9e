import TerminalUI

/// The styles of the app, from the terminal's own 16 colours; every meaning also has a glyph
/// or an attribute so it survives `NO_COLOR`.
enum Theme {
    static let passed = Style(foreground: .green, isBold: true)
    static let failed = Style(foreground: .red, isBold: true)
    static let pending = Style(isDim: true)
    static let heading = Style(foreground: .cyan, isBold: true)
    static let label = Style(isDim: true)
    static let added = Style(foreground: .green, isBold: true)
    static let removed = Style(foreground: .red)
    static let changed = Style(foreground: .yellow, isBold: true)
    static let code = Style(foreground: .yellow)
    static let hint = Style(foreground: .magenta)
    static let match = Style(isUnderlined: true).background(.yellow).foreground(.black)
    static let header = Style(isReversed: true)
    static let status = Style.plain
    static let selection = Style.reversed
}
