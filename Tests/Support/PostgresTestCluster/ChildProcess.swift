import Foundation

/// A program of this package run as a real child process: its stdout read line by line,
/// killed with SIGKILL when the test says so.
///
/// A test target cannot depend on an executable, but `swift test` builds every product first,
/// so the binary sits next to the test bundle.
public final class ChildProcess {
    private let process = Process()
    private let output = Pipe()
    private var buffer = Data()

    /// - Parameter environment: added to this process's environment; secrets such as a store
    ///   URL with its password go here, never into `arguments`, which `ps` shows to everyone.
    public init(_ name: String, arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = try Self.executable(name)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// The next line the child printed, waiting for it; nil once the child has exited and
    /// everything it wrote was read.
    public func nextLine() -> String? {
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

    /// SIGKILL: no exit handlers, no flushing, no goodbye to the server; as abrupt as a crash.
    public func kill() {
        _ = Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning { kill() }
    }

    static func executable(_ name: String) throws -> URL {
        var directories: [URL] = []
        if let running = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            directories.append(URL(fileURLWithPath: running).deletingLastPathComponent())
        }
        var bundle = Bundle.main.bundleURL
        for _ in 0..<4 {
            directories.append(bundle)
            bundle.deleteLastPathComponent()
        }
        for directory in directories {
            let candidate = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw PostgresTestClusterError("\(name) is not built next to the tests (looked in \(directories.map(\.path).joined(separator: ", "))); run `swift build --traits Postgres` first.")
    }
}
