extension Line {
    /// The line broken at spaces into lines at most `width` columns wide; a word longer than a
    /// whole line is cut. Continuation lines start with `hangingIndent` spaces.
    ///
    /// ```swift
    /// Line("one two three").wrapped(width: 7)   // "one two", "three"
    /// ```
    public func wrapped(width: Int, hangingIndent: Int = 0) -> [Line] {
        let characters = spans.flatMap { span in span.text.map { StyledCharacter(character: $0, style: span.style) } }
        return WordWrapper.wrap(characters, width: width, hangingIndent: hangingIndent)
    }
}

/// A character with the style it is drawn in: the unit word wrapping works on, so a word can
/// change style midway (`**bold**,`) and still wrap as one word.
struct StyledCharacter: Hashable, Sendable {
    var character: Character
    var style: Style
}

/// Greedy word wrapping over styled characters.
enum WordWrapper {
    static func wrap(_ characters: [StyledCharacter], width: Int, hangingIndent: Int = 0) -> [Line] {
        guard width > 0 else { return [] }
        let indent = min(max(0, hangingIndent), width - 1)
        var lines: [[StyledCharacter]] = []
        // Leading spaces are indentation (a log line, a nested item): keep them on the first line.
        let leading = characters.prefix { $0.character == " " }.prefix(width - 1)
        var current = Array(leading)
        var currentWidth = leading.count
        var lineHasText = false
        var pendingSpace: StyledCharacter?

        func startLine() {
            lines.append(current)
            current = Array(repeating: StyledCharacter(character: " ", style: .plain), count: indent)
            currentWidth = indent
            lineHasText = false
        }

        for word in words(in: characters.dropFirst(leading.count)) {
            if let space = word.space {
                // Keep one separator with its style, so an underlined phrase stays joined;
                // it is dropped when the next word starts a new line.
                pendingSpace = space
                continue
            }
            let wordWidth = word.characters.reduce(0) { $0 + columns($1.character) }
            let space = lineHasText ? pendingSpace : nil
            let separator = space == nil ? 0 : 1
            pendingSpace = nil
            if currentWidth + separator + wordWidth <= width {
                if let space { current.append(space) }
                current.append(contentsOf: word.characters)
                currentWidth += separator + wordWidth
                lineHasText = true
                continue
            }
            if lineHasText { startLine() }
            // A word longer than a whole line is cut at the column limit.
            for character in word.characters {
                let w = columns(character.character)
                if currentWidth + w > width && lineHasText { startLine() }
                current.append(character)
                currentWidth += w
                lineHasText = true
            }
        }
        lines.append(current)
        return lines.map(makeLine)
    }

    private static func columns(_ character: Character) -> Int {
        character == "\t" ? 1 : max(character.displayWidth, character.isControl ? 1 : 0)
    }

    private struct Word {
        var characters: [StyledCharacter] = []
        var space: StyledCharacter?
    }

    /// Alternating words and single separators; runs of spaces collapse into one.
    private static func words(in characters: some Sequence<StyledCharacter>) -> [Word] {
        var result: [Word] = []
        var word: [StyledCharacter] = []
        for character in characters {
            if character.character == " " || character.character == "\t" {
                if !word.isEmpty {
                    result.append(Word(characters: word))
                    word = []
                }
                if result.last?.space == nil {
                    result.append(Word(space: StyledCharacter(character: " ", style: character.style)))
                }
            } else {
                word.append(character)
            }
        }
        if !word.isEmpty { result.append(Word(characters: word)) }
        return result
    }

    private static func makeLine(_ characters: [StyledCharacter]) -> Line {
        var spans: [Span] = []
        for character in characters {
            if let last = spans.last, last.style == character.style {
                spans[spans.count - 1].text.append(character.character)
            } else {
                spans.append(Span(String(character.character), style: character.style))
            }
        }
        return Line(spans)
    }
}
