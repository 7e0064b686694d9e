extension Markdown {
    /// Spans for one paragraph's inline markup: emphasis, strong, code, links, escapes.
    ///
    /// Delimiters only count when they can open and close (CommonMark's flanking rules, simply):
    /// an opener is followed by a non-space, a closer preceded by one, and `_` never opens or
    /// closes inside a word, so `snake_case_name` and `2 * 3` stay as written.
    func inline(_ text: String, base: Style) -> [Span] {
        let characters = Array(text)
        var spans: [Span] = []
        var buffer = ""
        var isStrong = false
        var emphasis: Character?
        var index = 0

        func style() -> Style {
            var style = base
            if isStrong { style = style.patched(with: theme.strong) }
            if emphasis != nil { style = style.patched(with: theme.emphasis) }
            return style
        }
        func flush() {
            if !buffer.isEmpty { spans.append(Span(buffer, style: style())) }
            buffer = ""
        }

        while index < characters.count {
            let character = characters[index]
            let next = index + 1 < characters.count ? characters[index + 1] : nil

            if character == "\\", let next, next.isPunctuation || next.isSymbol {
                buffer.append(next)
                index += 2
                continue
            }
            if character == "`", let close = characters[(index + 1)...].firstIndex(of: "`") {
                flush()
                spans.append(Span(String(characters[(index + 1)..<close]), style: base.patched(with: theme.code)))
                index = close + 1
                continue
            }
            if character == "[", let link = Self.link(in: characters, at: index) {
                flush()
                spans.append(Span(link.text, style: style().patched(with: theme.link)))
                index = link.end
                continue
            }
            if character == "*", next == "*" {
                if isStrong, Self.canClose(characters, at: index, length: 2) {
                    flush()
                    isStrong = false
                    index += 2
                    continue
                }
                if !isStrong, Self.canOpen(characters, at: index, length: 2),
                    Self.closer(of: "**", in: characters, after: index + 2) != nil {
                    flush()
                    isStrong = true
                    index += 2
                    continue
                }
                // A pair that neither opens nor closes is literal; taken apart it would be
                // mistaken for emphasis.
                buffer += "**"
                index += 2
                continue
            }
            if character == "*" || character == "_" {
                if emphasis == character, Self.canClose(characters, at: index, length: 1) {
                    flush()
                    emphasis = nil
                    index += 1
                    continue
                }
                if emphasis == nil, Self.canOpen(characters, at: index, length: 1),
                    Self.closer(of: String(character), in: characters, after: index + 1) != nil {
                    flush()
                    emphasis = character
                    index += 1
                    continue
                }
            }
            buffer.append(character)
            index += 1
        }
        flush()
        return spans
    }

    private static func canOpen(_ characters: [Character], at index: Int, length: Int) -> Bool {
        guard index + length < characters.count, !characters[index + length].isWhitespace else { return false }
        if characters[index] == "_", index > 0, characters[index - 1].isLetter || characters[index - 1].isNumber { return false }
        return true
    }

    private static func canClose(_ characters: [Character], at index: Int, length: Int) -> Bool {
        guard index > 0, !characters[index - 1].isWhitespace else { return false }
        let after = index + length
        if characters[index] == "_", after < characters.count, characters[after].isLetter || characters[after].isNumber { return false }
        return true
    }

    /// Where `delimiter` next closes, skipping code spans and, for a single `*`, doubled ones.
    private static func closer(of delimiter: String, in characters: [Character], after start: Int) -> Int? {
        let marks = Array(delimiter)
        var index = start
        while index < characters.count {
            if characters[index] == "`", let close = characters[(index + 1)...].firstIndex(of: "`") {
                index = close + 1
                continue
            }
            if characters[index...].starts(with: marks) {
                let isDoubled = marks.count == 1 && index + 1 < characters.count && characters[index + 1] == marks[0]
                if isDoubled {
                    index += 2
                    continue
                }
                if canClose(characters, at: index, length: marks.count) { return index }
            }
            index += 1
        }
        return nil
    }

    /// `[text](url)` starting at `index`: the text to show and the index after the link.
    private static func link(in characters: [Character], at index: Int) -> (text: String, end: Int)? {
        guard let closeBracket = characters[(index + 1)...].firstIndex(of: "]"),
            closeBracket + 1 < characters.count, characters[closeBracket + 1] == "(",
            let closeParen = characters[(closeBracket + 2)...].firstIndex(of: ")")
        else { return nil }
        return (String(characters[(index + 1)..<closeBracket]), closeParen + 1)
    }
}
