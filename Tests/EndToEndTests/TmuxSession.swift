import Foundation
import Testing

/// A program running in a detached tmux session of a fixed size, read back with capture-pane.
///
/// Waiting for screen content polls with a deadline rather than sleeping a fixed time, so a
/// fast machine is not slowed down and a slow one is not failed.
struct TmuxSession {
    /// Whether tmux is installed (CI installs it; the tests say so when they skip).
    static let isAvailable: Bool = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/tmux") }
    }()

    let name: String

    /// Starts `command` (a shell command line) in a new session of `width` x `height`.
    init(command: String, width: Int, height: Int) throws {
        name = "workshop-tui-\(UUID().uuidString.prefix(8))"
        try Self.tmux(["new-session", "-d", "-s", name, "-x", String(width), "-y", String(height), command], mayStartServer: true)
    }

    /// The screen as text, one line per row.
    func capture() -> String {
        (try? Self.tmux(["capture-pane", "-p", "-t", name], capturingOutput: true)) ?? ""
    }

    func send(_ keys: String...) throws {
        try Self.tmux(["send-keys", "-t", name] + keys)
    }

    func resize(width: Int, height: Int) throws {
        try Self.tmux(["resize-window", "-t", name, "-x", String(width), "-y", String(height)])
    }

    func kill() {
        _ = try? Self.tmux(["kill-session", "-t", name])
    }

    /// Waits until the screen satisfies `condition`, up to `timeout` seconds; records an issue
    /// with the last screen when it never does.
    @discardableResult
    func waitFor(
        _ what: String, timeout: Double = 30, sourceLocation: SourceLocation = #_sourceLocation,
        _ condition: (String) -> Bool
    ) async -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = capture()
        while !condition(screen) {
            if Date() > deadline {
                Issue.record("Timed out after \(timeout) s waiting for \(what). The screen:\n\(screen)", sourceLocation: sourceLocation)
                return screen
            }
            try? await Task.sleep(for: .milliseconds(100))
            screen = capture()
        }
        return screen
    }

    /// Waits until the screen contains `text`.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 30, sourceLocation: SourceLocation = #_sourceLocation) async -> String {
        await waitFor("\u{201C}\(text)\u{201D}", timeout: timeout, sourceLocation: sourceLocation) { $0.contains(text) }
    }

    /// Runs a tmux client. When `new-session` finds no tmux server it starts one, and that
    /// server inherits every descriptor the client has, among them the pipe Foundation's
    /// `Process` watches for the child's exit: the wait would last as long as the server (seen
    /// on a fresh CI machine, where no server ran before the tests). So a client that may start
    /// the server closes every inherited descriptor above 2 first, and only `capture-pane`
    /// reads its output.
    @discardableResult
    private static func tmux(_ arguments: [String], capturingOutput: Bool = false, mayStartServer: Bool = false) throws -> String {
        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/env")
        if mayStartServer {
            let closeInherited = #"for fd in $(ls /proc/$$/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done; exec tmux "$@""#
            process.arguments = ["bash", "-c", closeInherited, "tmux"] + arguments
        } else {
            process.arguments = ["tmux"] + arguments
        }
        let out = capturingOutput ? Pipe() : nil
        process.standardOutput = out ?? FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out?.fileHandleForReading.readDataToEndOfFile() ?? Data()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TmuxFailure(arguments: arguments, status: process.terminationStatus)
        }
        return String(decoding: data, as: UTF8.self)
    }
}

struct TmuxFailure: Error, CustomStringConvertible {
    let arguments: [String]
    let status: Int32
    var description: String { "tmux \(arguments.joined(separator: " ")) exited with \(status)" }
}
