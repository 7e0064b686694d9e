import TerminalUI
import WorkshopKit

/// The glyphs that say passed, failed, pending and current, in Unicode or ASCII.
enum Marks {
    static func passed(_ glyphs: Glyphs) -> String { glyphs == .ascii ? "+" : "✔" }
    static func failed(_ glyphs: Glyphs) -> String { glyphs == .ascii ? "x" : "✘" }
    static func pending(_ glyphs: Glyphs) -> String { glyphs == .ascii ? "." : "·" }
    static func current(_ glyphs: Glyphs) -> String { glyphs == .ascii ? ">" : "▸" }
    static func added(_ glyphs: Glyphs) -> String { "+" }

    static func of(_ mark: ListStatus, glyphs: Glyphs) -> Span {
        switch mark {
        case .passed: Span(passed(glyphs), style: Theme.passed)
        case .failed: Span(failed(glyphs), style: Theme.failed)
        case .pending: Span(pending(glyphs), style: Theme.pending)
        }
    }
}
