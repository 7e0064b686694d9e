/// The outside world as the app loop sees it: whatever performs effects that are not about
/// the terminal (checks, files, the progress and sample stores).
///
/// WorkshopRuntime provides the real one; tests provide one that records effects.
public protocol EffectInterpreter: Sendable {
    /// Starts `effect` and returns at once; answers come later through `send`, from any thread.
    func perform(_ effect: Effect, send: @escaping @Sendable (Msg) -> Void)

    /// Runs the editor on `path` (relative to the project root) while the terminal is handed
    /// over, and returns when it exits: nil, or a sentence saying why it could not start.
    func runEditor(path: String, line: Int?) -> String?

    /// Stops what is still running (a check's child processes, the watcher) before exit.
    func shutdown() async
}
