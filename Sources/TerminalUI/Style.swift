/// How a cell looks: colours from the terminal's 16 and a few attributes.
///
/// ```swift
/// let selected = Style.reversed
/// let error = Style(foreground: .red).bold()
/// ```
public struct Style: Hashable, Sendable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var isBold: Bool
    public var isDim: Bool
    public var isUnderlined: Bool
    public var isReversed: Bool

    public init(
        foreground: TerminalColor = .default,
        background: TerminalColor = .default,
        isBold: Bool = false,
        isDim: Bool = false,
        isUnderlined: Bool = false,
        isReversed: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.isBold = isBold
        self.isDim = isDim
        self.isUnderlined = isUnderlined
        self.isReversed = isReversed
    }

    /// The terminal's default look.
    public static let plain = Style()
    /// Bold text.
    public static let bold = Style(isBold: true)
    /// Dim text.
    public static let dim = Style(isDim: true)
    /// Underlined text.
    public static let underlined = Style(isUnderlined: true)
    /// Reverse video: the selection look, visible with or without colours.
    public static let reversed = Style(isReversed: true)

    /// This style with another foreground colour.
    public func foreground(_ color: TerminalColor) -> Style { with { $0.foreground = color } }
    /// This style with another background colour.
    public func background(_ color: TerminalColor) -> Style { with { $0.background = color } }
    /// This style, bold.
    public func bold() -> Style { with { $0.isBold = true } }
    /// This style, dim.
    public func dim() -> Style { with { $0.isDim = true } }
    /// This style, underlined.
    public func underlined() -> Style { with { $0.isUnderlined = true } }
    /// This style in reverse video.
    public func reversed() -> Style { with { $0.isReversed = true } }

    /// `overlay` laid over this style: its colours win where set, attributes add up.
    ///
    /// Used for highlights, so a selected row keeps a span's bold or colour under the reverse.
    public func patched(with overlay: Style) -> Style {
        Style(
            foreground: overlay.foreground == .default ? foreground : overlay.foreground,
            background: overlay.background == .default ? background : overlay.background,
            isBold: isBold || overlay.isBold,
            isDim: isDim || overlay.isDim,
            isUnderlined: isUnderlined || overlay.isUnderlined,
            isReversed: isReversed || overlay.isReversed
        )
    }

    /// This style as it should appear in `mode`: without colours it keeps the attributes, so
    /// reverse-video selection stays visible under `NO_COLOR`.
    public func adapted(to mode: ColorMode) -> Style {
        switch mode {
        case .colors: self
        case .monochrome: with { $0.foreground = .default; $0.background = .default }
        }
    }

    private func with(_ change: (inout Style) -> Void) -> Style {
        var copy = self
        change(&copy)
        return copy
    }
}
