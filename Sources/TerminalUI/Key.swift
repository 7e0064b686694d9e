/// A key press, already decoded from whatever the terminal sent.
///
/// ```swift
/// switch key {
/// case .character("q"), .ctrl("c"): quit()
/// case .down, .character("j"): next()
/// default: break
/// }
/// ```
public enum Key: Hashable, Sendable {
    /// A printable character (letters, digits, punctuation, space, any script).
    case character(Character)
    /// Control plus a lowercase letter, such as `.ctrl("c")`; Tab, Enter, Backspace and Escape
    /// have their own cases even though they arrive as control codes.
    case ctrl(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case insert, delete
    case tab
    /// Shift-Tab.
    case backTab
    case enter, escape, backspace
    /// F1–F12 (and beyond where the terminal has them).
    case function(Int)
    /// The terminal changed size: redraw at the new size.
    case resize
    /// Something the decoder did not recognise, with the terminal's code for it.
    case unknown(Int)

    /// The key for a character read from the terminal, naming control codes.
    ///
    /// ```swift
    /// Key(character: "\u{3}")   // .ctrl("c")
    /// Key(character: "\t")      // .tab
    /// ```
    public init(character: Character) {
        guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1 else {
            self = character == "\r\n" ? .enter : .character(character)
            return
        }
        switch scalar.value {
        case 0x09: self = .tab
        case 0x0A, 0x0D: self = .enter
        case 0x1B: self = .escape
        case 0x08, 0x7F: self = .backspace
        case 0x01...0x1A:
            // Control-A is 1, so adding the code to "a" - 1 gives back the letter.
            self = Unicode.Scalar(0x60 + scalar.value).map { .ctrl(Character($0)) } ?? .unknown(Int(scalar.value))
        case 0x00...0x1F, 0x80...0x9F: self = .unknown(Int(scalar.value))
        default: self = .character(character)
        }
    }
}
