import TerminalUI

/// Maps raw keys to intents: the one place that knows which key does what.
///
/// ```swift
/// Keymap.intent(for: .character("r"), mode: .normal)   // .rerun
/// Keymap.intent(for: .character("r"), mode: .text)     // .type("r")
/// ```
public enum Keymap {
    /// The intent of `key` in `mode`, or nil when the key means nothing.
    public static func intent(for key: Key, mode: InputMode) -> Intent? {
        // These work whatever is open, so a learner can always get out.
        switch key {
        case .ctrl("c"): return .quit
        case .ctrl("l"): return .redraw
        case .resize: return .resize
        default: break
        }
        switch mode {
        case .text: return textIntent(for: key)
        case .confirmation: return confirmationIntent(for: key)
        case .normal: return normalIntent(for: key)
        }
    }

    private static func textIntent(for key: Key) -> Intent? {
        switch key {
        case .character(let character): .type(character)
        case .backspace, .delete: .erase
        case .enter: .select
        case .escape: .back
        case .up: .up
        case .down: .down
        default: nil
        }
    }

    private static func confirmationIntent(for key: Key) -> Intent? {
        switch key {
        case .character("y"), .character("Y"): .confirm
        case .character("n"), .character("N"), .escape, .character("q"): .decline
        default: nil
        }
    }

    private static func normalIntent(for key: Key) -> Intent? {
        switch key {
        case .character(let character): characterIntent(character)
        case .escape: .back
        case .tab: .focusNext
        case .backTab: .focusPrevious
        case .up: .up
        case .down: .down
        case .left: .left
        case .right: .right
        case .pageUp: .pageUp
        case .pageDown: .pageDown
        case .home: .top
        case .end: .bottom
        case .enter: .select
        case .ctrl("u"): .pageUp
        case .ctrl("d"): .pageDown
        case .function(1): .help
        default: nil
        }
    }

    private static func characterIntent(_ character: Character) -> Intent? {
        if let digit = character.wholeNumberValue, let pane = Pane(rawValue: digit) { return .focus(pane) }
        switch character {
        case "q": return .quit
        case "?": return .help
        case "j": return .down
        case "k": return .up
        case " ": return .pageDown
        case "g": return .top
        case "G": return .bottom
        case "/": return .startSearch
        case "n": return .next
        case "N": return .previousMatch
        case "r": return .rerun
        case "h": return .hint
        case "l": return .list
        case "x": return .reset
        case "e": return .edit
        case "[": return .stepBack
        case "]": return .stepForward
        case "s": return .runSolution
        case "p": return .fullSizeRun
        case "P": return .fullSizeSolution
        case "d": return .diff
        case "z": return .zoom
        case "b": return .browseStore
        default: return nil
        }
    }
}
