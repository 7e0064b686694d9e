extension Character {
    /// How many terminal columns this character covers: 0, 1 or 2, like `wcwidth` of its
    /// first scalar.
    ///
    /// Following `wcwidth` (rather than guessing what a font does with variation selectors)
    /// keeps the grid in agreement with ncurses, which moves its cursor by `wcwidth`.
    /// Control characters count 0 here; `Grid.write` replaces them before drawing.
    public var displayWidth: Int {
        guard let first = unicodeScalars.first else { return 0 }
        return DisplayWidth.of(first)
    }

    /// Whether this character is a control character (C0, DEL, C1, including `"\r\n"`).
    var isControl: Bool {
        guard let first = unicodeScalars.first else { return false }
        // General category Cc is exactly C0, DEL and C1: no property lookup needed.
        let value = first.value
        return value < 0x20 || (value >= 0x7F && value < 0xA0)
    }
}

extension StringProtocol {
    /// How many terminal columns the text covers, as `Grid.write` lays it out without tabs.
    public var displayWidth: Int {
        reduce(0) { $0 + ($1.isControl ? 1 : $1.displayWidth) }
    }
}

/// The width table behind `Character.displayWidth`.
enum DisplayWidth {
    static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        // Printable ASCII and Latin-1 are by far the most common: answer without lookups.
        if value >= 0x20 && value < 0x7F { return 1 }
        if value >= 0xA0 && value < 0x300 { return 1 }
        // Box drawing and block elements: every border and gauge.
        if value >= 0x2500 && value < 0x25A0 { return 1 }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .control:
            return 0
        case .nonspacingMark, .enclosingMark:
            return 0
        case .format where value != 0xAD:
            return 0
        default:
            break
        }
        // Hangul medial vowels and final consonants join the preceding syllable.
        if (0x1160...0x11FF).contains(value) || (0xD7B0...0xD7FF).contains(value) { return 0 }
        if isWide(value) { return 2 }
        // Emoji shown as pictures by default are East Asian Wide since Unicode 9; regional
        // indicators are not (wcwidth says 1), so leave them narrow to agree with ncurses.
        if properties.isEmojiPresentation && !(0x1F1E6...0x1F1FF).contains(value) { return 2 }
        return 1
    }

    /// East Asian Wide and Fullwidth ranges outside the emoji set, sorted for binary search.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F,    // Hangul Jamo initial consonants
        0x2329...0x232A,    // angle brackets
        0x2E80...0x303E,    // CJK radicals, Kangxi, CJK symbols and punctuation
        0x3041...0x33FF,    // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, CJK compatibility
        0x3400...0x4DBF,    // CJK extension A
        0x4E00...0x9FFF,    // CJK unified ideographs
        0xA000...0xA4CF,    // Yi
        0xA960...0xA97F,    // Hangul Jamo extended A
        0xAC00...0xD7A3,    // Hangul syllables
        0xF900...0xFAFF,    // CJK compatibility ideographs
        0xFE10...0xFE19,    // vertical forms
        0xFE30...0xFE6F,    // CJK compatibility forms, small form variants
        0xFF00...0xFF60,    // fullwidth forms
        0xFFE0...0xFFE6,    // fullwidth signs
        0x16FE0...0x16FE4,  // ideographic symbols
        0x17000...0x18CFF,  // Tangut, Khitan
        0x1B000...0x1B2FF,  // Kana supplement and extensions, Nushu
        0x1F200...0x1F2FF,  // enclosed ideographic supplement
        0x20000...0x2FFFD,  // CJK extensions B–F
        0x30000...0x3FFFD,  // CJK extension G and beyond
    ]

    private static func isWide(_ value: UInt32) -> Bool {
        var low = 0
        var high = wideRanges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = wideRanges[middle]
            if value < range.lowerBound {
                high = middle - 1
            } else if value > range.upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }
}
