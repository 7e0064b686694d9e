/// One line of styled text: what text views, lists and the markdown renderer deal in.
///
/// ```swift
/// let line = Line([Span("passed", style: Style(foreground: .green)), " 3 checks"])
/// ```
public struct Line: Hashable, Sendable, ExpressibleByStringLiteral {
    public var spans: [Span]

    public init(_ spans: [Span] = []) {
        self.spans = spans
    }

    public init(_ text: String, style: Style = .plain) {
        self.spans = text.isEmpty ? [] : [Span(text, style: style)]
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// An empty line.
    public static let empty = Line()

    /// The text without styles.
    public var plainText: String { spans.map(\.text).joined() }

    /// Columns the line covers.
    public var width: Int { spans.reduce(0) { $0 + $1.width } }

    /// This line with `overlay` patched over every span (see `Style.patched(with:)`).
    public func patched(with overlay: Style) -> Line {
        Line(spans.map { Span($0.text, style: $0.style.patched(with: overlay)) })
    }
}
