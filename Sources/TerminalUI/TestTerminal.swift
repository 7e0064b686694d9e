/// An in-memory terminal for tests: a fixed size, scripted keys, and a record of what was drawn.
///
/// ```swift
/// let terminal = TestTerminal(size: Size(width: 90, height: 12), keys: [.down, .character("q")])
/// try runApp(on: terminal)
/// #expect(terminal.lastGrid?.text == expected)
/// ```
@MainActor
public final class TestTerminal: Terminal {
    public private(set) var size: Size
    /// Keys still to be returned by `nextKey`, first one first.
    public private(set) var pendingKeys: [Key]
    /// The most recent frame.
    public private(set) var lastGrid: Grid?
    /// How many frames were drawn.
    public private(set) var drawCount = 0
    public private(set) var bellCount = 0
    public private(set) var fullRedrawCount = 0
    /// Whether the screen is currently handed to another program.
    public private(set) var isSuspended = false
    public private(set) var isRestored = false
    /// The timeouts `nextKey` was called with, so a test can check the app polls.
    public private(set) var requestedTimeouts: [Duration?] = []
    /// Set by `disconnect()` once the scripted keys are used up.
    public private(set) var isDisconnected = false
    private var disconnectsWhenDone = false

    public init(size: Size, keys: [Key] = []) {
        self.size = size
        self.pendingKeys = keys
    }

    /// Queues more keys.
    public func send(_ keys: Key...) {
        pendingKeys.append(contentsOf: keys)
    }

    /// Changes the size and queues `.resize`, as a real terminal does.
    public func resize(to newSize: Size) {
        size = newSize
        pendingKeys.append(.resize)
    }

    public func draw(_ grid: Grid) {
        lastGrid = grid
        drawCount += 1
    }

    /// Makes the terminal go away once the queued keys have been read (a closed window).
    public func disconnect() {
        disconnectsWhenDone = true
    }

    /// The next scripted key; `nil` (a timeout) once the script is used up.
    public func nextKey(timeout: Duration?) -> Key? {
        requestedTimeouts.append(timeout)
        if pendingKeys.isEmpty, disconnectsWhenDone { isDisconnected = true }
        return pendingKeys.isEmpty ? nil : pendingKeys.removeFirst()
    }

    public func suspend() { isSuspended = true }
    public func resume() { isSuspended = false }
    public func forceFullRedraw() { fullRedrawCount += 1 }
    public func bell() { bellCount += 1 }
    public func restore() { isRestored = true }
}
