/// The outside world as the runtime sees it: whatever performs commands that are not about
/// the terminal (checks, files, the progress and sample stores).
///
/// The executable provides the real one; tests provide one that records commands.
public protocol Effects: Sendable {
    /// Starts `command` and returns at once; answers come later through `send`, from any thread.
    func perform(_ command: Command, send: @escaping @Sendable (Msg) -> Void)

    /// Runs the editor on `path` (relative to the project root) while the terminal is handed
    /// over, and returns when it exits: nil, or a sentence saying why it could not start.
    func runEditor(path: String, line: Int?) -> String?

    /// Stops what is still running (a check's child processes, the watcher) before exit.
    func shutdown() async
}
