import Foundation

/// The `store-crash-child` executable, run as a real process: its stdout read line by line,
/// killed with SIGKILL when the test says so.
///
/// It is not a dependency of this test target (a test target cannot depend on an executable),
/// but `swift test` builds every product first, so the binary sits next to the test bundle.
final class StoreCrashChild {
    private let process = Process()
    private let output = Pipe()
    private let input = Pipe()
    private var buffer = Data()

    /// Runs `store-crash-child MODE PATH OPTIONS…`; with `launcher`, runs the child through it
    /// (`launcher + [child, MODE, PATH, OPTIONS…]`), say inside `unshare`.
    init(_ mode: String, path: String, options: [String] = [], launcher: [String] = []) throws {
        let child = try Self.executable()
        if let program = launcher.first {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = Array(launcher.dropFirst()) + [child.path, mode, path] + options
        } else {
            process.executableURL = child
            process.arguments = [mode, path] + options
        }
        process.standardOutput = output
        process.standardInput = input
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// The next line the child printed, waiting for it; nil once the child has exited and
    /// everything it wrote was read.
    func nextLine() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer = Data(buffer[buffer.index(after: newline)...])
                return line
            }
            let chunk = output.fileHandleForReading.availableData  // blocks until data or EOF
            if chunk.isEmpty { return nil }
            buffer.append(chunk)
        }
    }

    /// Every line the child prints until it exits.
    func remainingLines() -> [String] {
        var lines: [String] = []
        while let line = nextLine() { lines.append(line) }
        process.waitUntilExit()
        return lines
    }

    /// Sends one line to the child's stdin.
    func send(_ line: String) {
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    var exitStatus: Int32 {
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// SIGKILL: no exit handlers, no flushing, no SQLite cleanup; as abrupt as a crash.
    func kill() {
        _ = Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? input.fileHandleForWriting.close()
    }

    /// Closes the child's stdin (the hold-lock child then commits and exits) and waits.
    func finish() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning { kill() }
    }

    static func executable() throws -> URL {
        var directories: [URL] = []
        if let running = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            directories.append(URL(fileURLWithPath: running).deletingLastPathComponent())
        }
        // macOS: …/debug/X.xctest/Contents/MacOS/X, so walk up from the bundle too.
        var bundle = Bundle.main.bundleURL
        for _ in 0..<4 {
            directories.append(bundle)
            bundle.deleteLastPathComponent()
        }
        for directory in directories {
            let candidate = directory.appendingPathComponent("store-crash-child")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw MissingChild(searched: directories.map(\.path))
    }

    struct MissingChild: Error, CustomStringConvertible {
        let searched: [String]
        var description: String {
            "store-crash-child is not built next to the tests (looked in \(searched.joined(separator: ", "))); run `swift build` first."
        }
    }
}
