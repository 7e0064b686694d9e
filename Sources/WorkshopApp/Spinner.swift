import TerminalUI

/// The frames of the "Checking…" spinner, advanced by ticks while a check runs.
enum Spinner {
    static func frame(_ tick: Int, glyphs: Glyphs) -> String {
        let frames = glyphs == .ascii ? ["|", "/", "-", "\\"] : ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
        return frames[abs(tick) % frames.count]
    }
}
