/// What the app needs from a terminal: its size, a way to show a frame, and keys.
///
/// `NcursesTerminal` is the real one; `TestTerminal` records frames and replays scripted keys.
/// Main-actor bound because curses is not thread-safe.
@MainActor
public protocol Terminal: AnyObject {
    /// The current size in cells; changes after a `.resize` key.
    var size: Size { get }

    /// Shows `grid`; cells outside the terminal are dropped.
    func draw(_ grid: Grid)

    /// The next key, waiting at most `timeout` (forever when `nil`); `nil` when none came,
    /// so the app can poll for background results between keys.
    func nextKey(timeout: Duration?) -> Key?

    /// Hands the screen to another program (such as `$EDITOR`) until `resume()`.
    func suspend()

    /// Takes the screen back after `suspend()` and repaints everything on the next draw.
    func resume()

    /// Repaints every cell on the next draw (Ctrl-L), for when something else wrote to the screen.
    func forceFullRedraw()

    /// Rings the terminal bell.
    func bell()

    /// Leaves the terminal as it was found; call once before the process exits.
    func restore()

    /// Whether the terminal has gone away (its window closed, the SSH connection dropped): no
    /// key will ever come again, and the app should quit instead of waiting for one.
    var isDisconnected: Bool { get }
}
