import TerminalUI

/// Runs the Elm loop on a terminal: draws the model, reads keys with a short timeout so
/// results from background work arrive while keys stay responsive, maps keys to intents,
/// and performs the effects `update` returns.
///
/// ```swift
/// let loop = AppLoop(terminal: terminal, model: model, effects: effects)
/// loop.run()
/// ```
///
/// Terminal effects (quit, redraw, bell, the editor) are done here; everything else goes to
/// `EffectInterpreter`, whose answers come back through the mailbox.
@MainActor
public final class AppLoop {
    public private(set) var model: Model
    private let terminal: any Terminal
    private let effects: any EffectInterpreter
    private let mailbox = Mailbox()
    /// Asked between keys; true ends the loop (SIGTERM, SIGINT from outside).
    private let shouldStop: @Sendable () -> Bool
    private var isRunning = false
    private var needsDraw = true
    private var lastTick = ContinuousClock.now
    /// How long to wait for a key before looking at the mailbox again.
    public var pollInterval: Duration = .milliseconds(40)
    /// How often the spinner moves while a check runs.
    public var tickInterval: Duration = .milliseconds(120)
    /// Frames drawn so far (for tests and benchmarks).
    public private(set) var frames = 0

    public init(terminal: any Terminal, model: Model, effects: any EffectInterpreter, shouldStop: @escaping @Sendable () -> Bool = { false }) {
        self.terminal = terminal
        self.model = model
        self.effects = effects
        self.shouldStop = shouldStop
    }

    /// Runs until quit, then restores the terminal. `maxIdlePolls` stops the loop after that
    /// many polls without a key or message (tests use it; nil runs until quit).
    public func run(maxIdlePolls: Int? = nil) {
        isRunning = true
        model.size = terminal.size
        perform(App.start(&model))
        var idle = 0
        while isRunning {
            if needsDraw { draw() }
            var handled = false
            if let key = terminal.nextKey(timeout: pollInterval) {
                handle(key)
                handled = true
            }
            for message in mailbox.drain() {
                apply(message)
                handled = true
            }
            if model.activity.isChecking, ContinuousClock.now - lastTick >= tickInterval {
                lastTick = ContinuousClock.now
                apply(.tick)
            }
            if shouldStop() || terminal.isDisconnected { isRunning = false }
            idle = handled ? 0 : idle + 1
            if let maxIdlePolls, idle >= maxIdlePolls, !model.activity.isChecking { break }
        }
        terminal.restore()
    }

    /// Applies a message as if it came from background work (tests, signals).
    public func send(_ message: Msg) {
        apply(message)
    }

    private func handle(_ key: Key) {
        if key == .resize {
            apply(.resized(terminal.size))
            return
        }
        guard let intent = Keymap.intent(for: key, mode: model.inputMode) else { return }
        apply(.intent(intent))
    }

    private func apply(_ message: Msg) {
        let effects = App.update(&model, message)
        needsDraw = true
        perform(effects)
    }

    private func draw() {
        terminal.draw(App.view(model))
        frames += 1
        needsDraw = false
    }

    private func perform(_ effects: [Effect]) {
        for effect in effects {
            switch effect {
            case .quit:
                isRunning = false
            case .redraw:
                terminal.forceFullRedraw()
                needsDraw = true
            case .bell:
                terminal.bell()
            case .openEditor(let path, let line):
                terminal.suspend()
                let error = self.effects.runEditor(path: path, line: line)
                terminal.resume()
                apply(.resized(terminal.size))
                apply(.editorClosed(error: error))
            default:
                let mailbox = mailbox
                self.effects.perform(effect) { mailbox.post($0) }
            }
        }
    }
}
