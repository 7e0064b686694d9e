#if Postgres
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import Synchronization

/// A few PostgreSQL connections behind a blocking façade: the bridge between the synchronous
/// `EventStore` protocol and postgres-nio's non-blocking driver.
///
/// Why futures and `.wait()`, not `async` calls behind a semaphore: postgres-nio completes its
/// `EventLoopFuture`s on its own event-loop threads (NIO's singleton group), which never run
/// our code and never block. A caller's thread — the main thread, a `Thread`, or even one of
/// Swift concurrency's cooperative threads — waits on a future that those threads complete, so
/// it cannot starve them. Wrapping the `async` API instead would need a `Task` to run on the
/// cooperative pool while a thread of that same pool (2 threads on a 2-core machine) sits
/// blocked waiting for it: with enough blocked callers nobody is left to run the tasks, a
/// deadlock. The one thread that must never wait is an event-loop thread itself; NIO traps on
/// that, and `connection(_:)` refuses it first with a sentence.
///
/// Each operation borrows one connection for its whole duration (a transaction never spans two
/// connections) and gives it back; a connection that failed is closed instead of reused.
final class BlockingConnections: Sendable {
    let configuration: PostgresConnection.Configuration
    let target: String
    private let idle = Mutex<[PostgresConnection]>([])
    private let nextID = Atomic<Int>(1)
    private let maxIdle: Int
    private let connectTimeout: TimeAmount
    static let logger = Logger(label: "workshop.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    init(configuration: PostgresConnection.Configuration, target: String, maxIdle: Int = 8, connectTimeout: TimeAmount = .seconds(5)) {
        var configuration = configuration
        configuration.options.connectTimeout = connectTimeout
        self.configuration = configuration
        self.target = target
        self.maxIdle = maxIdle
        self.connectTimeout = connectTimeout
    }

    deinit {
        for connection in idle.withLock({ $0 }) {
            Self.dismiss(connection)
        }
    }

    /// Closes the idle connections; borrowed ones close when given back.
    func closeIdle() {
        let connections = idle.withLock { idle in
            defer { idle = [] }
            return idle
        }
        for connection in connections {
            _ = try? (connection.close() as EventLoopFuture<Void>).wait()
        }
    }

    /// Runs `body` with a connection of its own.
    func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let connection = try borrow()
        do {
            let result = try body(connection)
            giveBack(connection)
            return result
        } catch {
            if connection.isClosed || !(error is PSQLError && (error as? PSQLError)?.code == .server) {
                // The connection may be mid-protocol or gone: never hand it to someone else.
                Self.dismiss(connection)
            } else {
                giveBack(connection)
            }
            throw error
        }
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    func inTransaction<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try withConnection { connection in
            try Self.run("BEGIN", on: connection)
            let result: T
            do {
                result = try body(connection)
            } catch {
                if !connection.isClosed { _ = try? Self.run("ROLLBACK", on: connection) }
                throw error
            }
            try Self.run("COMMIT", on: connection)
            return result
        }
    }

    /// Closes a connection without waiting for it.
    /// The future keeps the connection alive until it has closed: postgres-nio asserts that a
    /// connection is closed before it is released.
    static func dismiss(_ connection: PostgresConnection) {
        let closed: EventLoopFuture<Void> = connection.close()
        closed.whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    /// One statement, all its rows.
    @discardableResult
    static func run(_ query: PostgresQuery, on connection: PostgresConnection) throws -> PostgresQueryResult {
        try connection.query(query, logger: logger).wait()
    }

    private func borrow() throws -> PostgresConnection {
        if MultiThreadedEventLoopGroup.currentEventLoop != nil {
            throw PostgresEventStoreError.calledOnEventLoop
        }
        while let connection = idle.withLock({ $0.popLast() }) {
            if !connection.isClosed { return connection }
        }
        return try connect()
    }

    private func giveBack(_ connection: PostgresConnection) {
        guard !connection.isClosed else { return }
        let kept = idle.withLock { idle in
            guard idle.count < maxIdle else { return false }
            idle.append(connection)
            return true
        }
        if !kept { Self.dismiss(connection) }
    }

    /// Opens a connection, giving up after the connect timeout however the server behaves: a
    /// closed port answers at once, an unreachable host or a server that accepts and then says
    /// nothing would otherwise hang the caller.
    func connect() throws -> PostgresConnection {
        let eventLoop = MultiThreadedEventLoopGroup.singleton.any()
        let id = nextID.wrappingAdd(1, ordering: .relaxed).oldValue
        let promise = eventLoop.makePromise(of: PostgresConnection.self)
        let timeout = connectTimeout
        let deadline = eventLoop.scheduleTask(in: timeout) {
            promise.fail(PostgresEventStoreError.connectTimedOut(target: "", seconds: Int(timeout.nanoseconds / 1_000_000_000)))
        }
        PostgresConnection.connect(on: eventLoop, configuration: configuration, id: id, logger: Self.logger)
            .whenComplete { result in
                deadline.cancel()
                switch result {
                case .success(let connection):
                    // Too late: the caller has been told it timed out.
                    promise.futureResult.whenFailure { _ in Self.dismiss(connection) }
                    promise.succeed(connection)
                case .failure(let error):
                    promise.fail(error)
                }
            }
        do {
            return try promise.futureResult.wait()
        } catch {
            throw PostgresEventStoreError.connecting(error, target: target, timeoutSeconds: Int(timeout.nanoseconds / 1_000_000_000))
        }
    }
}
#endif
