import Foundation
import GRDB
import GRDBSQLite
import Synchronization

/// The queries of the store's hot read paths, each prepared once per connection.
enum ReadQuery: Int, CaseIterable {
    case streamForward
    case streamBackward
    case allAfter
    case streamVersion
    case headPosition
    case checkpoint

    var sql: String {
        switch self {
        case .streamForward:
            "SELECT \(SQLiteEventStore.eventColumns) FROM events WHERE stream_id = ? AND stream_version >= ? ORDER BY stream_version LIMIT ?"
        case .streamBackward:
            "SELECT \(SQLiteEventStore.eventColumns) FROM events WHERE stream_id = ? AND stream_version <= ? ORDER BY stream_version DESC LIMIT ?"
        case .allAfter:
            "SELECT \(SQLiteEventStore.eventColumns) FROM events WHERE position > ? ORDER BY position LIMIT ?"
        case .streamVersion:
            "SELECT stream_version FROM events WHERE stream_id = ? ORDER BY stream_version DESC LIMIT 1"
        case .headPosition:
            "SELECT seq FROM sqlite_sequence WHERE name = 'events'"
        case .checkpoint:
            "SELECT position FROM checkpoints WHERE name = ?"
        }
    }
}

/// Plain sqlite3 connections, opened read-only, for the store's own hot reads: `readStream`,
/// `readAll`, `streamState`, `headPosition` and projection checkpoints.
///
/// Why not GRDB's `DatabasePool` readers, which serve `SQLiteEventStore.read`: every read there
/// checks that it is not nested (walking the reader pool), takes a reader through a semaphore
/// and a dispatch queue, hops onto that reader's queue, and runs `PRAGMA schema_version`
/// (a read transaction of its own) before the query; rows come through a GRDB cursor. For a
/// stream of a hundred events that was about a third of the time of `readStream`. Here a read
/// takes an idle connection under a lock, resets and binds a statement prepared once, and steps
/// it, as a hand-written sqlite3 loop would.
///
/// Consistency is what it was: each query is one statement in autocommit mode, which SQLite runs
/// on one WAL snapshot of committed data, and the statement is reset before the connection is
/// given back, which ends that snapshot (a kept one would pin the WAL and hold back checkpoints).
/// Prepared statements re-prepare themselves after a schema change (`sqlite3_prepare_v2`).
final class ReadConnections: Sendable {
    private let path: String
    private let busyTimeout: TimeInterval
    /// Connections not in use. A reader takes one, or opens one when none is idle, so readers
    /// on several threads never wait for each other.
    private let idle = Mutex<[ReadConnection]>([])
    /// Connections kept open once their burst of concurrent readers is over; the same number
    /// of readers as GRDB's pool keeps by default.
    private let maximumIdle = 5

    init(path: String, busyTimeout: TimeInterval) {
        self.path = path
        self.busyTimeout = busyTimeout
    }

    /// Runs `body` with a connection that no other thread uses meanwhile.
    func withConnection<T>(_ body: (ReadConnection) throws -> T) throws -> T {
        let connection = try idle.withLock { $0.popLast() } ?? ReadConnection(path: path, busyTimeout: busyTimeout)
        defer {
            idle.withLock { connections in
                // A connection over the limit is closed when this last reference goes.
                if connections.count < maximumIdle { connections.append(connection) }
            }
        }
        return try body(connection)
    }
}

/// One read-only sqlite3 connection and its prepared statements.
final class ReadConnection: @unchecked Sendable {
    // @unchecked: the connection is opened in SQLite's multi-thread mode (no mutex of its own),
    // which allows any thread to use it as long as only one does at a time; `ReadConnections`
    // hands it to one reader at a time, through its lock.
    private let handle: OpaquePointer
    private var statements: [OpaquePointer?] = Array(repeating: nil, count: ReadQuery.allCases.count)

    /// SQLite copies the bound text, so the Swift string need not outlive the call.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(path: String, busyTimeout: TimeInterval) throws {
        var handle: OpaquePointer?
        let code = sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil)
        guard code == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) }
            sqlite3_close_v2(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
        }
        self.handle = handle
        // Extended codes, as GRDB's connections report them, so errors translate alike.
        sqlite3_extended_result_codes(handle, 1)
        // A reader waits only while another connection recovers or restarts the WAL index.
        sqlite3_busy_timeout(handle, Int32(clamping: Int((busyTimeout * 1000).rounded())))
    }

    deinit {
        for statement in statements { sqlite3_finalize(statement) }
        sqlite3_close_v2(handle)
    }

    /// Parameters of a statement being prepared for a run, from index 1.
    struct Bindings {
        fileprivate let statement: OpaquePointer

        func bind(_ index: Int32, _ text: String) {
            sqlite3_bind_text(statement, index, text, -1, ReadConnection.transient)
        }

        func bind(_ index: Int32, _ value: Int64) {
            sqlite3_bind_int64(statement, index, value)
        }
    }

    /// Runs `query` with the parameters `bind` sets, calling `body` with each row until it
    /// returns false. The statement is reset before this returns, whatever happens, so the
    /// read's snapshot ends with it.
    func forEachRow(
        _ query: ReadQuery, bind: (Bindings) -> Void, _ body: (StatementColumns) throws -> Bool
    ) throws {
        let statement = try prepared(query)
        defer { sqlite3_reset(statement) }
        bind(Bindings(statement: statement))
        let columns = StatementColumns(statement: statement)
        while true {
            switch sqlite3_step(statement) {
            case SQLITE_ROW:
                guard try body(columns) else { return }
            case SQLITE_DONE:
                return
            case let code:
                throw error(code, query)
            }
        }
    }

    private func prepared(_ query: ReadQuery) throws -> OpaquePointer {
        if let statement = statements[query.rawValue] { return statement }
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(handle, query.sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else { throw error(code, query) }
        statements[query.rawValue] = statement
        return statement
    }

    private func error(_ code: Int32, _ query: ReadQuery) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(handle)), sql: query.sql)
    }
}
