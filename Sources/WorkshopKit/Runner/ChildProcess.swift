import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a finished child process left behind.
public struct ChildResult: Sendable {
    /// The exit status when the child exited normally.
    public var exitStatus: Int32?
    /// The signal that ended the child, when one did (a crash, or our kill on timeout).
    public var signal: Int32?
    /// The child ran past its time limit and was killed with its process group.
    public var timedOut: Bool
    /// The run was cancelled (a newer save superseded it) and the child was killed.
    public var cancelled: Bool
    public var output: CappedOutput
    public var seconds: Double
    /// Seconds from the start until the first byte of output, if there was any.
    public var firstOutputSeconds: Double?

    public var succeeded: Bool { exitStatus == 0 && !timedOut && !cancelled }
}

/// Could not start a child process at all.
public struct SpawnFailed: Error, Sendable, CustomStringConvertible {
    public let executable: String
    public let code: Int32
    public var description: String { "cannot start \(executable): \(String(cString: strerror(code)))" }
}

/// Runs one child process in a process group of its own, so that a timeout or a cancellation
/// can kill it together with everything it started (the compiler's frontends, a check's
/// threads), with stdin from /dev/null and stdout and stderr merged into a capped buffer.
enum ChildProcess {
    static func run(
        _ executable: String, arguments: [String], environment: [String: String], directory: URL,
        timeout: Duration, outputLimit: Int, onOutput: (@Sendable (Data) -> Void)? = nil
    ) async throws -> ChildResult {
        let started = ContinuousClock.now
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { throw SpawnFailed(executable: executable, code: errno) }
        let (readEnd, writeEnd) = (pipeEnds[0], pipeEnds[1])

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 2)
        posix_spawn_file_actions_addclose(&actions, readEnd)
        posix_spawn_file_actions_addclose(&actions, writeEnd)
        guard Self.addChangeDirectory(&actions, directory.path) == 0 else {
            close(readEnd)
            close(writeEnd)
            throw SpawnFailed(executable: executable, code: ENOSYS)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A new process group led by the child: kill(-pid) then reaches all its descendants.
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        sigaddset(&defaults, SIGINT)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") }
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = (argv + [nil]).withUnsafeBufferPointer { argvBuffer in
            (envp + [nil]).withUnsafeBufferPointer { envBuffer -> Int32 in
                guard let argvBase = argvBuffer.baseAddress, let envBase = envBuffer.baseAddress else { return EINVAL }
                return posix_spawnp(&pid, executable, &actions, &attributes, argvBase, envBase)
            }
        }
        close(writeEnd)
        guard spawned == 0 else {
            close(readEnd)
            throw SpawnFailed(executable: executable, code: spawned)
        }

        let state = Mutex(KillState())
        let childPID = pid
        let killGroup: @Sendable (KillReason) -> Void = { reason in
            let shouldKill = state.withLock { state -> Bool in
                guard !state.exited, state.reason == nil else { return false }
                state.reason = reason
                return true
            }
            if shouldKill { kill(-childPID, SIGKILL) }
        }
        let timer = Task.detached {
            try await Task.sleep(for: timeout)
            killGroup(.timeout)
        }
        defer { timer.cancel() }

        let (output, status, firstOutput) = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<(CappedOutput, Int32, Double?), Never>) in
                Thread.detachNewThread {
                    var output = CappedOutput(limit: outputLimit)
                    var firstOutput: Double?
                    var buffer = [UInt8](repeating: 0, count: 65_536)
                    // The output is read on this thread while the exit is awaited on another one,
                    // so neither a full pipe nor a grandchild holding it open can block us.
                    let exited = Mutex<Int32?>(nil)
                    let waiter = Thread {
                        var status: Int32 = 0
                        while waitpid(childPID, &status, 0) == -1 && errno == EINTR {}
                        state.withLock { $0.exited = true }
                        exited.withLock { $0 = status }
                        // Leftovers of the group (a daemon the build forked) would keep the pipe open.
                        kill(-childPID, SIGKILL)
                    }
                    waiter.start()
                    while true {
                        let count = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
                        if count > 0 {
                            if firstOutput == nil { firstOutput = Self.seconds(since: started) }
                            output.append(Data(buffer[0..<count]))
                            onOutput?(Data(buffer[0..<count]))
                        } else if count == 0 || errno != EINTR {
                            break
                        }
                    }
                    close(readEnd)
                    var status: Int32?
                    while status == nil {
                        status = exited.withLock { $0 }
                        if status == nil { usleep(1_000) }
                    }
                    continuation.resume(returning: (output, status ?? 0, firstOutput))
                }
            }
        } onCancel: {
            killGroup(.cancelled)
        }
        let reason = state.withLock { $0.reason }
        let exitedNormally = (status & 0x7f) == 0
        return ChildResult(
            exitStatus: exitedNormally ? (status >> 8) & 0xff : nil,
            signal: exitedNormally ? nil : status & 0x7f,
            timedOut: reason == .timeout,
            cancelled: reason == .cancelled,
            output: output,
            seconds: Self.seconds(since: started),
            firstOutputSeconds: firstOutput)
    }

    private typealias AddChangeDirectory = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    /// `posix_spawn_file_actions_addchdir_np` (glibc 2.29+): the Glibc module does not export
    /// it, so it is looked up at run time. Setting the child's directory this way keeps the
    /// spawn free of a shell.
    private static let addChangeDirectorySymbol: AddChangeDirectory? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np") else { return nil }
        return unsafeBitCast(symbol, to: AddChangeDirectory.self)
    }()

    private static func addChangeDirectory(_ actions: inout posix_spawn_file_actions_t, _ path: String) -> Int32 {
        guard let function = addChangeDirectorySymbol else { return ENOSYS }
        return function(&actions, path)
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    private enum KillReason: Sendable { case timeout, cancelled }

    private struct KillState: Sendable {
        var exited = false
        var reason: KillReason?
    }
}
