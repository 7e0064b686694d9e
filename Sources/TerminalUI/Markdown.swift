/// Turns the markdown of exercise instructions into styled lines wrapped to a width.
///
/// Handles what instructions use: `#`–`######` headings, paragraphs wrapped at word boundaries,
/// `*emphasis*`, `_emphasis_`, `**strong**`, `` `code` ``, `[links](url)`, bullet and numbered
/// lists with a hanging indent, `>` quotes, `---` rules, and fenced code blocks, which are kept
/// unwrapped (the view clips them) because re-flowing code changes its meaning. Runs of blank
/// lines collapse into one; none lead or trail.
///
/// ```swift
/// let lines = Markdown(glyphs: glyphs).lines(instructions, width: inner.width)
/// grid.render(TextView(lines: lines, offset: scroll), in: inner)
/// ```
public struct Markdown: Sendable {
    /// The styles markdown elements are drawn in.
    public struct Theme: Hashable, Sendable {
        public var heading1 = Style(foreground: .cyan, isBold: true, isUnderlined: true)
        public var heading2 = Style(foreground: .cyan, isBold: true)
        public var heading3 = Style(isBold: true)
        public var emphasis = Style(isUnderlined: true)
        public var strong = Style(isBold: true)
        public var code = Style(foreground: .yellow)
        public var codeBlock = Style(foreground: .yellow)
        public var link = Style(foreground: .blue, isUnderlined: true)
        public var decoration = Style(isDim: true)

        public init() {}
    }

    public var glyphs: Glyphs
    public var theme: Theme
    /// Spaces before each line of a fenced code block.
    public var codeIndent: Int

    public init(glyphs: Glyphs = .unicode, theme: Theme = Theme(), codeIndent: Int = 2) {
        self.glyphs = glyphs
        self.theme = theme
        self.codeIndent = codeIndent
    }

    /// The rendered lines for `source` at `width` columns.
    public func lines(_ source: String, width: Int) -> [Line] {
        guard width > 0 else { return [] }
        var output: [Line] = []
        var paragraph: Paragraph?
        var fence: String?

        func flush() {
            if let open = paragraph { output += render(open, width: width) }
            paragraph = nil
        }

        for raw in source.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = String(raw)
            let indent = line.prefix { $0 == " " }.count
            let content = String(line.dropFirst(indent))

            if let marker = fence {
                if content.hasPrefix(marker) {
                    fence = nil
                } else {
                    let code = line.isEmpty ? "" : String(repeating: " ", count: codeIndent) + line
                    output.append(Line(code, style: theme.codeBlock))
                }
                continue
            }
            if content.hasPrefix("```") || content.hasPrefix("~~~") {
                flush()
                fence = String(content.prefix(3))
                continue
            }
            if content.allSatisfy({ $0 == " " || $0 == "\t" }) {
                flush()
                if let last = output.last, last != .empty { output.append(.empty) }
                continue
            }
            if let (level, title) = Self.heading(content) {
                flush()
                let style = level == 1 ? theme.heading1 : level == 2 ? theme.heading2 : theme.heading3
                output += render(Paragraph(text: title, style: style), width: width)
                continue
            }
            if Self.isRule(content) {
                flush()
                output.append(Line(String(repeating: glyphs.horizontalRule, count: width), style: theme.decoration))
                continue
            }
            if let (marker, rest) = listItem(content) {
                flush()
                paragraph = Paragraph(text: rest, indent: indent, marker: marker)
                continue
            }
            if content.hasPrefix(">") {
                let text = content.dropFirst().drop { $0 == " " }
                if paragraph?.isQuote == true {
                    paragraph?.text += " " + text
                } else {
                    flush()
                    paragraph = Paragraph(text: String(text), isQuote: true)
                }
                continue
            }
            if paragraph != nil {
                paragraph?.text += " " + content
            } else {
                paragraph = Paragraph(text: content)
            }
        }
        flush()
        while output.last == .empty { output.removeLast() }
        return output
    }

    /// A block of text waiting for its last line: a paragraph, a list item, a quote or a heading.
    struct Paragraph {
        var text: String
        var style: Style = .plain
        var indent = 0
        var marker = ""
        var isQuote = false
    }

    private func render(_ paragraph: Paragraph, width: Int) -> [Line] {
        let firstPrefix: Span
        let restPrefix: Span
        if paragraph.isQuote {
            firstPrefix = Span(glyphs.quoteBar + " ", style: theme.decoration)
            restPrefix = firstPrefix
        } else {
            let indent = String(repeating: " ", count: paragraph.indent)
            firstPrefix = Span(indent + paragraph.marker)
            restPrefix = Span(String(repeating: " ", count: firstPrefix.width))
        }
        // A prefix that leaves no room for text is dropped rather than squeezing text to nothing.
        let usePrefix = firstPrefix.width < width / 2 || firstPrefix.width == 0
        let textWidth = usePrefix ? width - firstPrefix.width : width
        let characters = inline(paragraph.text, base: paragraph.style).flatMap { span in
            span.text.map { StyledCharacter(character: $0, style: span.style) }
        }
        return WordWrapper.wrap(characters, width: textWidth).enumerated().map { index, line in
            guard usePrefix, firstPrefix.width > 0 else { return line }
            return Line([index == 0 ? firstPrefix : restPrefix] + line.spans)
        }
    }

    private static func heading(_ content: String) -> (Int, String)? {
        let level = content.prefix { $0 == "#" }.count
        guard (1...6).contains(level) else { return nil }
        let rest = content.dropFirst(level)
        guard rest.isEmpty || rest.first == " " else { return nil }
        return (level, rest.trimmingCharacters(in: " #"))
    }

    private static func isRule(_ content: String) -> Bool {
        let marks = content.filter { $0 != " " }
        guard marks.count >= 3, let first = marks.first, "-*_".contains(first) else { return false }
        return marks.allSatisfy { $0 == first }
    }

    /// The marker to draw (`• `, `12. `) and the item's text, if `content` starts a list item.
    private func listItem(_ content: String) -> (String, String)? {
        if let first = content.first, "-*+".contains(first), content.dropFirst().first == " " {
            return (glyphs.bullet + " ", String(content.dropFirst(2)))
        }
        let digits = content.prefix { $0.isASCII && $0.isNumber }
        guard (1...9).contains(digits.count) else { return nil }
        let rest = content.dropFirst(digits.count)
        guard let delimiter = rest.first, delimiter == "." || delimiter == ")", rest.dropFirst().first == " " else { return nil }
        return ("\(digits)\(delimiter) ", String(rest.dropFirst(2)))
    }
}

extension Substring {
    /// The text without `characters` at either end (Foundation-free, for the markdown parser).
    fileprivate func trimmingCharacters(in characters: String) -> String {
        String(drop { characters.contains($0) }.reversed().drop { characters.contains($0) }.reversed())
    }
}
