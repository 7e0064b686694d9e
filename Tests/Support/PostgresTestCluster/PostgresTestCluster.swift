import Foundation

/// A throw-away PostgreSQL cluster for tests: `initdb` into a new temporary folder, `pg_ctl
/// start` on a free loopback port (and a Unix socket in that folder), stopped and removed when
/// the test process ends — also when a test failed, and by a watchdog process when the test
/// process crashed.
///
/// ```swift
/// let server = try PostgresTestCluster.shared()          // one per test process
/// let url = try server.createDatabase()                 // a fresh, empty database
/// ```
///
/// Set `WORKSHOP_TEST_POSTGRES=postgres://user:password@host:port/database` to run the tests
/// against an existing server instead (the user must be allowed to create databases); only
/// tests that stop and restart a server (`start()`) still make a cluster of their own.
///
/// `initdb` and `postgres` refuse to run as root, and CI runs as root: as root, the cluster runs
/// as the `postgres` user (which Debian's `postgresql` package creates) in a folder that user
/// owns, through `runuser`. The server is never a system service and never asks for a password:
/// the Unix socket trusts local users (the harness's own `psql`), TCP asks for a random password
/// that lives only in this process and in `url`.
public final class PostgresTestCluster: Sendable {
    /// Where the server listens for TCP connections (always 127.0.0.1 for an own cluster).
    public let host: String
    public let port: Int
    public let user: String
    public let password: String
    /// The database tests connect to by default.
    public let database: String
    /// The folder holding the data directory and the Unix socket; nil for an external server.
    public let folder: URL?
    private let owner: SystemUser?

    /// `postgres://user:password@host:port/database`.
    public var url: String { url(database: database) }

    /// The same server, another database.
    public func url(database: String) -> String {
        var components = URLComponents()
        components.scheme = "postgres"
        components.user = user
        components.password = password
        components.host = host
        components.port = port
        components.path = "/" + database
        return components.string ?? "postgres://\(host):\(port)/\(database)"
    }

    /// The cluster every test of this process shares, started on first use.
    ///
    /// - Throws: `PostgresTestClusterError` with the reason (and the server's log) when it
    ///   cannot start: the suite fails, it never skips.
    public static func shared() throws -> PostgresTestCluster {
        try sharedCluster.get()
    }

    private static let sharedCluster: Result<PostgresTestCluster, PostgresTestClusterError> = {
        let environment = ProcessInfo.processInfo.environment
        if let external = environment["WORKSHOP_TEST_POSTGRES"], !external.isEmpty {
            return Result { try PostgresTestCluster(external: external) }.mapError { $0 as? PostgresTestClusterError ?? .init("\($0)") }
        }
        return Result { try start() }.mapError { $0 as? PostgresTestClusterError ?? .init("\($0)") }
    }()

    private init(external: String) throws {
        guard let components = URLComponents(string: external), ["postgres", "postgresql"].contains(components.scheme ?? ""),
              let host = components.host, let user = components.user
        else {
            throw PostgresTestClusterError("WORKSHOP_TEST_POSTGRES is not a URL like postgres://user:password@host:5432/database: '\(external)'.")
        }
        self.host = host
        port = components.port ?? 5432
        self.user = user
        password = components.password ?? ""
        let path = components.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        database = path.isEmpty ? user : path
        folder = nil
        owner = nil
    }

    private init(host: String, port: Int, user: String, password: String, folder: URL, owner: SystemUser?) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        database = "postgres"
        self.folder = folder
        self.owner = owner
    }

    /// Starts a new cluster of this test's own (for tests that stop or crash the server).
    ///
    /// It is stopped and removed when the process ends; call `remove()` to do it sooner.
    public static func start() throws -> PostgresTestCluster {
        let binaries = try PostgresBinaries.find()
        let owner = try SystemUser.forServer()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("workshop-pg-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if let owner { try owner.take(folder) }
        let password = UUID().uuidString
        // initdb reads the superuser's password from a file only the server's user can read,
        // removed at once: never on a command line, where `ps` would show it.
        let passwordFile = folder.appendingPathComponent("pwfile")
        try Data((password + "\n").utf8).write(to: passwordFile)
        chmod(passwordFile.path, 0o600)
        if let owner { try owner.take(passwordFile) }
        let data = folder.appendingPathComponent("data").path
        let initdb = try run(owner: owner, binaries.path("initdb"), [
            "-D", data, "-U", "postgres", "--pwfile=\(passwordFile.path)", "--auth-local=trust",
            "--auth-host=scram-sha-256", "--encoding=UTF8", "--locale=C", "--no-sync",
        ])
        try? FileManager.default.removeItem(at: passwordFile)
        guard initdb.status == 0 else {
            try? FileManager.default.removeItem(at: folder)
            throw PostgresTestClusterError("initdb failed (exit \(initdb.status)): \(initdb.output.suffix(2_000))")
        }
        let cluster = PostgresTestCluster(host: "127.0.0.1", port: 0, user: "postgres", password: password, folder: folder, owner: owner)
        Watchdog.removeWhenThisProcessEnds(cluster, binaries: binaries)
        return try cluster.startServer(binaries: binaries, attempts: 3)
    }

    /// pg_ctl start on a free port; another process may grab the port between our probe and the
    /// server's bind, so a failed start on a taken port tries another one.
    private func startServer(binaries: PostgresBinaries, attempts: Int) throws -> PostgresTestCluster {
        guard let folder else { throw PostgresTestClusterError("An external server cannot be started by the tests.") }
        var lastError = PostgresTestClusterError("no attempt made")
        for _ in 0..<attempts {
            let port = try FreePort.find()
            let cluster = PostgresTestCluster(host: host, port: port, user: user, password: password, folder: folder, owner: owner)
            do {
                try cluster.startServer()
                return cluster
            } catch let error as PostgresTestClusterError {
                lastError = error
            }
        }
        throw lastError
    }

    /// Starts the server again (after `stop`), on the same port.
    public func startServer() throws {
        guard let folder else { throw PostgresTestClusterError("An external server cannot be started by the tests.") }
        let binaries = try PostgresBinaries.find()
        let options = [
            "-p \(port)", "-c listen_addresses=127.0.0.1", "-k \(folder.path)", "-c max_connections=300",
            // A test server: durable against a server crash (the WAL is written before a commit
            // is acknowledged), not against a power cut, which no test makes.
            "-c fsync=off", "-c full_page_writes=off", "-c shared_buffers=64MB",
        ].joined(separator: " ")
        let logFile = folder.appendingPathComponent("server.log").path
        let result = try Self.run(owner: owner, binaries.path("pg_ctl"), [
            "-D", folder.appendingPathComponent("data").path, "-l", logFile, "-o", options, "-w", "-t", "30", "start",
        ])
        guard result.status == 0 else {
            let log = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
            throw PostgresTestClusterError("PostgreSQL did not start on port \(port) (pg_ctl exit \(result.status)): \(result.output.suffix(1_000)) \(log.suffix(2_000))")
        }
    }

    /// How to stop the server.
    public enum StopMode: String, Sendable {
        /// Waits for clients to finish: a clean shutdown.
        case fast
        /// Kills every server process at once: the server recovers from its WAL on the next start,
        /// as after a crash.
        case immediate
    }

    /// Stops the server (the folder stays, so `startServer()` can start it again).
    public func stop(_ mode: StopMode) throws {
        guard let folder else { throw PostgresTestClusterError("An external server cannot be stopped by the tests.") }
        let binaries = try PostgresBinaries.find()
        let result = try Self.run(owner: owner, binaries.path("pg_ctl"), [
            "-D", folder.appendingPathComponent("data").path, "-m", mode.rawValue, "-w", "-t", "30", "stop",
        ])
        guard result.status == 0 else {
            throw PostgresTestClusterError("pg_ctl stop failed (exit \(result.status)): \(result.output.suffix(1_000))")
        }
    }

    /// Stops the server at once and removes its folder.
    ///
    /// A signal, not `pg_ctl`: this also runs in an exit handler, where starting a child process
    /// through Foundation is not safe. SIGQUIT is PostgreSQL's immediate shutdown; the folder is
    /// removed only once the server has gone, so a server is never left running without it.
    public func remove() {
        guard let folder else { return }
        let pidFile = folder.appendingPathComponent("data/postmaster.pid")
        if let text = try? String(contentsOf: pidFile, encoding: .utf8),
           let pid = text.split(separator: "\n").first.flatMap({ pid_t($0.trimmingCharacters(in: .whitespaces)) }), pid > 0 {
            _ = kill(pid, SIGQUIT)
            for _ in 0..<200 where kill(pid, 0) == 0 {
                usleep(25_000)
            }
            if kill(pid, 0) == 0 { return }
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// Runs SQL through `psql` as the superuser: setting up roles, databases and grants without
    /// depending on the code under test. Returns the rows, one per line, columns split by `|`.
    @discardableResult
    public func psql(_ sql: String, database: String? = nil) throws -> String {
        let binaries = try PostgresBinaries.find()
        var environment = ProcessInfo.processInfo.environment
        var arguments = ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", database ?? self.database, "-U", user, "-p", "\(port)"]
        if let folder {
            arguments += ["-h", folder.path]
        } else {
            arguments += ["-h", host]
            // The environment, not the command line: `ps` shows arguments to every user.
            environment["PGPASSWORD"] = password
        }
        arguments += ["-c", sql]
        let result = try Self.run(owner: nil, binaries.path("psql"), arguments, environment: environment)
        guard result.status == 0 else {
            throw PostgresTestClusterError("psql failed (exit \(result.status)) running \(sql.prefix(200)): \(result.output.suffix(1_000))")
        }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Creates a new, empty database and returns its URL.
    public func createDatabase(named name: String = "test_\(UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "_"))") throws -> String {
        try psql("CREATE DATABASE \"\(name)\"")
        return url(database: name)
    }

    // MARK: Processes

    struct Outcome {
        let status: Int32
        let output: String
    }

    static func run(owner: SystemUser?, _ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> Outcome {
        let process = Process()
        let command = owner.map { ["/usr/sbin/runuser", "-u", $0.name, "--"] } ?? []
        // Through bash, which first closes every descriptor but 0–2: pg_ctl leaves the server
        // running in the background, and a server that inherited Foundation's exit pipe would
        // keep it open, so waitUntilExit would wait for the server instead of pg_ctl.
        let closeInherited = #"for fd in /proc/$$/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null; done; exec "$@""#
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", closeInherited, "bash"] + command + [executable] + arguments
        if let environment { process.environment = environment }
        // Output to a file, not a pipe: pg_ctl's server inherits the descriptors, and a pipe
        // would stay open (and the read block) for as long as the server runs.
        let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("pg-harness-\(UUID().uuidString).out")
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outputFile) }
        let handle = try FileHandle(forWritingTo: outputFile)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            try? handle.close()
            throw PostgresTestClusterError("Cannot run \(process.executableURL?.path ?? executable): \(error)")
        }
        process.waitUntilExit()
        try? handle.close()
        let output = (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
        return Outcome(status: process.terminationStatus, output: output)
    }
}

/// Why the test cluster is not available, with what to do about it.
public struct PostgresTestClusterError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// PostgreSQL's server programs: Debian keeps them off the PATH, under the major version.
struct PostgresBinaries {
    let directory: String

    func path(_ program: String) -> String { directory + "/" + program }

    static func find() throws -> PostgresBinaries {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .compactMap(Int.init).sorted(by: >)
        for version in versions where FileManager.default.isExecutableFile(atPath: "\(root)/\(version)/bin/initdb") {
            return PostgresBinaries(directory: "\(root)/\(version)/bin")
        }
        throw PostgresTestClusterError(
            "PostgreSQL's server is not installed (no \(root)/*/bin/initdb): install it with `apt-get install postgresql` "
                + "(scripts/setup --with-test-tools does), or point WORKSHOP_TEST_POSTGRES at a server.")
    }
}

/// The user the server runs as when the tests run as root.
struct SystemUser: Sendable {
    let name: String
    let uid: uid_t
    let gid: gid_t

    /// nil when not root: the server then runs as the current user.
    static func forServer() throws -> SystemUser? {
        guard getuid() == 0 else { return nil }
        guard let entry = getpwnam("postgres") else {
            throw PostgresTestClusterError(
                "The tests run as root, and PostgreSQL refuses to run as root, but there is no 'postgres' user to run it as: "
                    + "install the `postgresql` package, which creates it.")
        }
        return SystemUser(name: "postgres", uid: entry.pointee.pw_uid, gid: entry.pointee.pw_gid)
    }

    func take(_ url: URL) throws {
        guard chown(url.path, uid, gid) == 0 else {
            throw PostgresTestClusterError("Cannot give \(url.path) to the '\(name)' user: \(String(cString: strerror(errno))).")
        }
    }
}

/// A free TCP port on the loopback interface, as the kernel hands one out for port 0.
enum FreePort {
    static func find() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw PostgresTestClusterError("Cannot open a socket to find a free port.") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw PostgresTestClusterError("Cannot bind a loopback socket to find a free port.") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw PostgresTestClusterError("Cannot read the free port's number.") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Stops and removes a cluster when the test process ends, however it ends.
///
/// A normal exit (tests passed or failed) runs an `atexit` handler; a crash or a SIGKILL does
/// not, so a small shell process watches this process's id and cleans up after it.
enum Watchdog {
    static func removeWhenThisProcessEnds(_ cluster: PostgresTestCluster, binaries: PostgresBinaries) {
        guard let folder = cluster.folder else { return }
        // The postmaster's pid is the first line of postmaster.pid; SIGQUIT is an immediate
        // shutdown. The folder goes only once the server has.
        let pidFile = folder.appendingPathComponent("data/postmaster.pid").path
        let script = """
            while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done
            if [ -f '\(pidFile)' ]; then
                pid=$(head -n 1 '\(pidFile)')
                kill -QUIT "$pid" 2>/dev/null
                for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
            fi
            rm -rf '\(folder.path)'
            """
        // In a session of its own: a test runner that kills its process group on the way out
        // must not take the watchdog with it.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
        process.arguments = ["/bin/sh", "-c", script]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try? process.run()
        ExitCleanup.add(cluster)
    }
}

/// The clusters to stop when the process exits normally.
enum ExitCleanup {
    private static let clusters = LockedClusters()

    static func add(_ cluster: PostgresTestCluster) {
        if clusters.append(cluster) {
            atexit {
                for cluster in ExitCleanup.clusters.removeAll() { cluster.remove() }
            }
        }
    }
}

private final class LockedClusters: @unchecked Sendable {
    private let lock = NSLock()
    private var clusters: [PostgresTestCluster] = []
    private var registered = false

    /// Adds a cluster; true the first time, when the exit handler must be registered.
    func append(_ cluster: PostgresTestCluster) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        clusters.append(cluster)
        defer { registered = true }
        return !registered
    }

    func removeAll() -> [PostgresTestCluster] {
        lock.lock()
        defer { lock.unlock() }
        defer { clusters = [] }
        return clusters
    }
}
