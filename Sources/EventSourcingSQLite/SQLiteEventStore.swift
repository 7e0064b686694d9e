import EventSourcing
import Foundation
import GRDB
import GRDBSQLite
import Synchronization

/// An event store in one SQLite file: streams, the global log, projection checkpoints and the
/// transactional outbox, in WAL mode so readers never wait for the writer.
///
/// ```swift
/// let store = try SQLiteEventStore(path: ".workshop/events.sqlite")
/// let result = try store.append(to: "guest_stay-42", expected: .noStream, events: [checkedIn])
/// let stay = try store.readStream("guest_stay-42")
/// ```
///
/// Several instances, in one process or in several, may open the same file: appends are
/// serialized by SQLite's write lock and checked against the expected version inside it.
/// The store passes `EventStoreContract`, like `InMemoryEventStore`.
///
/// Global positions follow commit order. SQLite admits one writer at a time and every append
/// assigns its positions inside its write transaction, so a transaction that commits later
/// always holds higher positions: a reader that has seen position P will never later find a
/// new event at or below P. Positions can have gaps (a rolled-back append may have consumed
/// them under AUTOINCREMENT in another connection's view, and archiving deletes rows), so
/// readers always continue after the last position they saw.
public final class SQLiteEventStore: EventStore {
    /// The database file.
    public let path: String
    public let configuration: Configuration
    private let pool: DatabasePool
    /// Set by `close()`: later calls say the store is closed instead of reaching GRDB.
    private let isClosed = Mutex(false)

    /// Opens (and creates, unless read-only) the store at `path`, running pending migrations.
    ///
    /// Any number of processes may open the same file at the same moment, new or not: each
    /// waits up to the busy timeout for the others, and the migrations run once.
    ///
    /// - Throws: `SQLiteEventStoreError`, a sentence naming the path, when the file is locked
    ///   beyond the busy timeout, cannot be opened or written (permissions, a missing folder),
    ///   is damaged or not a database, belongs to another application, was written by a newer
    ///   version, or (read-only) holds no store.
    public init(path: String, configuration: Configuration = Configuration()) throws {
        self.path = path
        self.configuration = configuration
        var database = GRDB.Configuration()
        database.label = "EventStore"
        database.readonly = configuration.readOnly
        database.busyMode = .timeout(configuration.busyTimeout)
        database.prepareDatabase { db in
            // Keep the -wal and -shm files when the last connection closes: a reader that may
            // not create files in the folder (another user, a read-only share) can then still
            // open the store when no writer is running. SQLite deletes them otherwise.
            var persist: Int32 = 1
            _ = sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_PERSIST_WAL, &persist)
        }
        do {
            pool = try Self.openPool(path: path, configuration: database, busyTimeout: configuration.busyTimeout)
            if configuration.readOnly {
                switch try pool.read({ try EventStoreSchema.state($0) }) {
                case .current: break
                case .behind:
                    if try pool.read({ try !$0.tableExists("events") }) { throw SQLiteEventStoreError.notAStore(path: path) }
                    throw EventStoreSchema.SchemaProblem.behind
                case .newer(let identifier): throw EventStoreSchema.SchemaProblem.newer(identifier: identifier)
                case .foreign(let table): throw EventStoreSchema.SchemaProblem.foreign(table: table)
                }
            } else {
                // Opening the pool set WAL with synchronous NORMAL on the writer; only the
                // writer's setting matters, since only the writer commits.
                try pool.writeWithoutTransaction { db in
                    try db.execute(sql: "PRAGMA synchronous = \(configuration.durability.pragmaValue)")
                }
                try EventStoreSchema.migrate(pool)
            }
        } catch {
            throw SQLiteEventStoreError.translating(error, path: path, busyTimeout: configuration.busyTimeout,
                                                    readOnly: configuration.readOnly)
        }
    }

    /// Opens the pool, trying again while another process holds a lock SQLite does not wait
    /// for: switching a new file to WAL needs an exclusive lock, and SQLite answers that busy
    /// at once instead of calling the busy handler. The busy timeout still bounds the wait.
    private static func openPool(path: String, configuration: GRDB.Configuration, busyTimeout: TimeInterval) throws -> DatabasePool {
        let deadline = Date().addingTimeInterval(busyTimeout)
        var pause: useconds_t = 1_000
        while true {
            do {
                return try DatabasePool(path: path, configuration: configuration)
            } catch let error as DatabaseError where [.SQLITE_BUSY, .SQLITE_LOCKED].contains(error.resultCode) && Date() < deadline {
                usleep(pause)
                pause = min(pause * 2, 50_000)
            }
        }
    }

    /// Closes the file. Later calls throw `SQLiteEventStoreError` saying the store is closed;
    /// closing twice does nothing. Other stores on the same file are not affected.
    ///
    /// Without `close()`, the file closes when the last reference to the store goes away.
    public func close() throws {
        let wasClosed = isClosed.withLock { closed in
            defer { closed = true }
            return closed
        }
        guard !wasClosed else { return }
        do {
            try pool.close()
        } catch {
            throw translated(error)
        }
    }

    /// Runs a read-only query on a snapshot of the database: read models of `SQLiteProjection`s
    /// live in the same file.
    ///
    /// ```swift
    /// let open = try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM open_stays") ?? 0 }
    /// ```
    public func read<T>(_ block: (Database) throws -> T) throws -> T {
        do {
            try checkOpen()
            return try pool.read(block)
        } catch {
            throw translated(error)
        }
    }

    // MARK: Appending

    /// The part of an event encoded before the write lock is taken.
    private struct EncodedEvent {
        let event: EventData
        let eventID: String
        let metadata: String
    }

    /// Thrown inside an append transaction when an insert hits an event id that is already
    /// stored: the transaction rolls back and the append is answered by the careful path.
    private struct RepeatedEventID: Error {}

    @discardableResult
    public func append(to streamID: String, expected: ExpectedVersion, events: [EventData], outbox: [OutboxMessage]) throws -> AppendResult {
        let outbox = try AppendRules.check(streamID: streamID, events: events, outbox: outbox)
        // Encode before taking the write lock: the lock is the store's one scarce resource.
        let encoded = Self.encode(events)
        let recordedAt = configuration.clock().timeIntervalSince1970
        return try appendTransaction { db, lookUpIDsFirst in
            try self.append(db, streamID: streamID, expected: expected, events: encoded, outbox: outbox,
                            recordedAt: recordedAt, lookUpIDsFirst: lookUpIDsFirst)
        }
    }

    /// Appends to several streams in one transaction: every append lands, or none does.
    ///
    /// For bulk writers (an importer, the seeder, a process manager that must write two
    /// streams together). Each append is checked exactly as `append(to:expected:events:)`
    /// checks it, in order, so a later append to the same stream sees the earlier ones. One
    /// failed expectation (a `WrongExpectedVersion`, an archived stream) rolls back all of
    /// them; a batch repeated after a timeout answers with the first batch's results.
    ///
    /// ```swift
    /// let results = try store.appendBatch([
    ///     (streamID: "guest_stay-1", expected: .noStream, events: [checkedIn]),
    ///     (streamID: "guest_stay-2", expected: .exact(3), events: [charged]),
    /// ])
    /// ```
    @discardableResult
    public func appendBatch(_ appends: [(streamID: String, expected: ExpectedVersion, events: [EventData])]) throws -> [AppendResult] {
        guard !appends.isEmpty else { return [] }
        for append in appends { _ = try AppendRules.check(streamID: append.streamID, events: append.events, outbox: []) }
        let encoded = appends.map { (streamID: $0.streamID, expected: $0.expected, events: Self.encode($0.events)) }
        let recordedAt = configuration.clock().timeIntervalSince1970
        return try appendTransaction { db, lookUpIDsFirst in
            try encoded.map { append in
                try self.append(db, streamID: append.streamID, expected: append.expected, events: append.events,
                                outbox: [], recordedAt: recordedAt, lookUpIDsFirst: lookUpIDsFirst)
            }
        }
    }

    /// Runs `body`, which appends a lot through this store (an import, the workshop's seeder),
    /// with the write-ahead log checkpointed every `walPages` pages instead of SQLite's default
    /// 1 000; then checkpoints the whole log, shrinks its file to nothing and restores the
    /// previous setting.
    ///
    /// ```swift
    /// try store.bulkLoad(checkpointEvery: 100_000) {
    ///     for batch in batches { try store.appendBatch(batch) }
    /// }
    /// ```
    ///
    /// Why: with `synchronous = NORMAL` the disk is synced only at checkpoints, and each one
    /// writes every page changed since the previous one back into the database file. Appends to
    /// many small streams change a few hundred scattered index pages per transaction (event ids
    /// are random, and new streams land all over the stream index), so at the default a
    /// checkpoint (two syncs and a rewrite of most of the indexes) came every two or three
    /// transactions, and the workshop's seeder spent about half its time in checkpoints.
    /// Spacing them out lets one checkpoint write each page once for many transactions.
    ///
    /// The cost is disk space, not safety: a commit is exactly as durable as before, but the
    /// log file grows to about `walPages` × 4 KiB between checkpoints, and readers look pages up
    /// in a longer log meanwhile. Other appends to this store while `body` runs are
    /// checkpointed at the same pace.
    public func bulkLoad<T>(checkpointEvery walPages: Int, _ body: () throws -> T) throws -> T {
        let previous: Int
        do {
            previous = try writer { db in
                let previous = try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") ?? 1_000
                try db.execute(sql: "PRAGMA wal_autocheckpoint = \(max(1, walPages))")
                return previous
            }
        } catch {
            throw translated(error)
        }
        let result: T
        do {
            result = try body()
        } catch {
            // The load's own error matters more than a failure to restore the setting.
            try? writer { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = \(previous)") }
            throw error
        }
        do {
            try writer { db in
                try db.execute(sql: "PRAGMA wal_autocheckpoint = \(previous)")
                // Checkpoint the whole log now, as part of the load, rather than leave it to
                // whichever append comes next; TRUNCATE also shrinks the file to nothing. With a
                // reader in the way it does what it can and says so in its result, which the
                // next checkpoint completes: nothing here depends on it.
                _ = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
        } catch {
            throw translated(error)
        }
        return result
    }

    /// Encodes outside the write lock: the lock is the store's one scarce resource.
    private static func encode(_ events: [EventData]) -> [EncodedEvent] {
        events.map {
            EncodedEvent(event: $0, eventID: Self.uuidText($0.eventID), metadata: MetadataJSON.encode($0.metadata))
        }
    }

    /// `uuid.uuidString`, the form event ids are stored in (36 characters, upper case), written
    /// straight into the String's storage: Foundation's `uuidString` took about 6 800
    /// instructions per event appended, this about 1 000.
    static func uuidText(_ uuid: UUID) -> String {
        let digits: StaticString = "0123456789ABCDEF"
        return withUnsafeBytes(of: uuid.uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { text in
                var index = 0
                for (offset, byte) in bytes.enumerated() {
                    if offset == 4 || offset == 6 || offset == 8 || offset == 10 {
                        text[index] = UInt8(ascii: "-")
                        index += 1
                    }
                    text[index] = digits.utf8Start[Int(byte >> 4)]
                    text[index + 1] = digits.utf8Start[Int(byte & 0xF)]
                    index += 2
                }
                return index
            }
        }
    }

    /// Runs the body of an append (one or a batch) in an immediate transaction.
    ///
    /// Fast path: trust the UNIQUE index on event_id to notice a repeated append, instead of
    /// looking every id up first; when it fires, the whole transaction rolls back and runs
    /// again with `lookUpIDsFirst`, which answers a retried append with its first result.
    private func appendTransaction<T>(_ body: (Database, _ lookUpIDsFirst: Bool) throws -> T) throws -> T {
        do {
            try checkOpen()
            do {
                return try writeImmediately { db in try body(db, false) }
            } catch is RepeatedEventID {
                return try writeImmediately { db in try body(db, true) }
            }
        } catch {
            throw translated(error)
        }
    }

    private func append(
        _ db: Database, streamID: String, expected: ExpectedVersion, events: [EncodedEvent], outbox: [OutboxMessage],
        recordedAt: Double, lookUpIDsFirst: Bool
    ) throws -> AppendResult {
        if lookUpIDsFirst, let repeated = try repeatedAppend(db, streamID: streamID, events: events) {
            return repeated
        }
        let current = try Self.streamState(db, streamID)
        // An archived stream has no rows left here, so it looks new: refuse before the version
        // check, whatever was expected, or its next event would start a second "version 1".
        if current == .noStream, let archived = try Self.archivedStream(db, streamID) {
            throw SQLiteEventStoreError.streamArchived(path: path, streamID: streamID, lastVersion: archived.lastVersion)
        }
        guard expected.isSatisfied(by: current) else {
            // A retry of an append that did land looks like a conflict: answer it as the retry
            // it is (the same rule as InMemoryEventStore: ids are checked before versions).
            if !lookUpIDsFirst, let repeated = try repeatedAppend(db, streamID: streamID, events: events) {
                return repeated
            }
            throw WrongExpectedVersion(streamID: streamID, expected: expected, actual: current)
        }
        // Messages first: one that conflicts with a queued message must stop the append before
        // any event is written (the transaction would roll back anyway; this keeps it short).
        let newMessages = try newOutboxMessages(db, outbox)

        let insert = try db.cachedStatement(sql: """
            INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, data, metadata, recorded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var positions: [Int64] = []
        positions.reserveCapacity(events.count)
        var version = current.version
        // Bound and stepped through sqlite3 itself: GRDB's `execute(arguments:)` boxes every
        // value into an array of existentials, which cost more than the insert in a batch.
        let statement = insert.sqliteStatement
        let connection = db.sqliteConnection
        for event in events {
            version += 1
            sqlite3_reset(statement)
            Self.bind(statement, 1, streamID)
            sqlite3_bind_int64(statement, 2, version)
            Self.bind(statement, 3, event.eventID)
            Self.bind(statement, 4, event.event.eventType)
            sqlite3_bind_int64(statement, 5, Int64(event.event.schemaVersion))
            event.event.data.withUnsafeBytes { bytes in
                // A zero-length blob must still be a blob, not NULL: any non-nil pointer will do.
                _ = sqlite3_bind_blob(statement, 6, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(bytes.count),
                                      Self.transient)
            }
            Self.bind(statement, 7, event.metadata)
            sqlite3_bind_double(statement, 8, recordedAt)
            let code = sqlite3_step(statement)
            guard code == SQLITE_DONE else {
                let error = DatabaseError(resultCode: ResultCode(rawValue: sqlite3_extended_errcode(connection)),
                                          message: String(cString: sqlite3_errmsg(connection)))
                sqlite3_reset(statement)
                if error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE && (error.message ?? "").contains("event_id") {
                    throw RepeatedEventID()
                }
                throw error
            }
            positions.append(sqlite3_last_insert_rowid(connection))
        }
        sqlite3_reset(statement)
        if !newMessages.isEmpty {
            let enqueue = try db.cachedStatement(sql: """
                INSERT INTO outbox (message_id, destination, message_type, payload, headers, created_position)
                VALUES (?, ?, ?, ?, ?, ?)
                """)
            // A message-only append points at the log's head: what had happened when it was sent.
            let createdPosition = try positions.last ?? Self.headPosition(db)
            for message in newMessages {
                try enqueue.execute(arguments: [
                    message.messageID, message.destination, message.messageType, message.payload,
                    MetadataJSON.encode(message.headers), createdPosition,
                ])
            }
        }
        return AppendResult(nextExpectedVersion: version, positions: positions)
    }

    /// SQLite copies the value before the bind returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private static func bind(_ statement: SQLiteStatement, _ index: Int32, _ text: String) {
        var text = text
        text.withUTF8 { bytes in
            guard let start = bytes.baseAddress else {
                _ = sqlite3_bind_text(statement, index, "", 0, transient)
                return
            }
            start.withMemoryRebound(to: CChar.self, capacity: bytes.count) { characters in
                _ = sqlite3_bind_text(statement, index, characters, Int32(bytes.count), transient)
            }
        }
    }

    /// The messages of `outbox` not queued yet. A message id already in the outbox with the same
    /// message is the same message queued again (kept once); with a different one, a conflict.
    private func newOutboxMessages(_ db: Database, _ outbox: [OutboxMessage]) throws -> [OutboxMessage] {
        guard !outbox.isEmpty else { return [] }
        let lookup = try db.cachedStatement(sql: """
            SELECT destination, message_type, payload, headers FROM outbox WHERE message_id = ?
            """)
        return try outbox.filter { message in
            var queued: OutboxMessage?
            try lookup.forEachRow(arguments: [message.messageID]) { columns in
                queued = OutboxMessage(
                    messageID: message.messageID, destination: columns.text(0) ?? "", messageType: columns.text(1) ?? "",
                    payload: columns.data(2) ?? Data(), headers: Self.headers(columns, 3) ?? [:])
                return false
            }
            guard let queued else { return true }
            guard queued == message else { throw ConflictingOutboxMessage(messageID: message.messageID) }
            return false
        }
    }

    /// The earlier append that `events` repeats, if every id is stored, in order, in this
    /// stream; nil when none is stored. Throws `DuplicateEventIDs` for a partial repeat or ids
    /// stored in another stream.
    private func repeatedAppend(_ db: Database, streamID: String, events: [EncodedEvent]) throws -> AppendResult? {
        guard !events.isEmpty else { return nil }
        let lookup = try db.cachedStatement(sql: "SELECT position, stream_id, stream_version FROM events WHERE event_id = ?")
        var matches: [RecordedEvent] = []
        var elsewhere: [UUID] = []
        for event in events {
            try lookup.forEachRow(arguments: [event.eventID]) { columns in
                guard let stored = columns.text(1), StreamIDRules.sameStream(stored, streamID), let position = columns.int64(0), let version = columns.int64(2) else {
                    elsewhere.append(event.event.eventID)
                    return false
                }
                // Only the id, version and position take part in the comparison below.
                matches.append(RecordedEvent(
                    eventID: event.event.eventID, streamID: streamID, streamVersion: version, position: position,
                    recordedAt: Date(timeIntervalSince1970: 0), eventType: event.event.eventType,
                    schemaVersion: event.event.schemaVersion, data: Data(), metadata: EventMetadata()))
                return false
            }
        }
        guard elsewhere.isEmpty else {
            throw DuplicateEventIDs(streamID: streamID, eventIDs: matches.map(\.eventID) + elsewhere)
        }
        matches.sort { $0.streamVersion < $1.streamVersion }
        // The rule itself is shared with the in-memory store, so both stores agree on it.
        return try InMemoryEventStore.repeatedAppend(of: events.map(\.event), in: matches, streamID: streamID)
    }

    private static func streamState(_ db: Database, _ streamID: String) throws -> StreamState {
        let statement = try db.cachedStatement(sql: """
            SELECT stream_version FROM events WHERE stream_id = ? ORDER BY stream_version DESC LIMIT 1
            """)
        var state = StreamState.noStream
        try statement.forEachRow(arguments: [streamID]) { columns in
            if let version = columns.int64(0) { state = .exists(version: version) }
            return false
        }
        return state
    }

    /// Runs `body` in a `BEGIN IMMEDIATE` transaction on the writer connection.
    ///
    /// Why IMMEDIATE: an append reads (the stream's version) and then writes. In a DEFERRED
    /// transaction the read takes a snapshot first; if another connection commits before this
    /// one upgrades to a writer, the upgrade fails with SQLITE_BUSY at once, because waiting
    /// could never make that snapshot current again, so SQLite ignores the busy timeout there.
    /// IMMEDIATE takes the write lock before the first read: concurrent appenders queue on the
    /// busy timeout instead of failing, and the version they check is the one they write after.
    func writeImmediately<T>(_ body: (Database) throws -> T) throws -> T {
        try checkOpen()
        return try pool.writeWithoutTransaction { db in try Self.immediateTransaction(db, body) }
    }

    /// `body` in a `BEGIN IMMEDIATE` transaction on `db`, committed, or rolled back if it throws.
    static func immediateTransaction<T>(_ db: Database, _ body: (Database) throws -> T) throws -> T {
        // BEGIN and COMMIT as cached statements, prepared once per connection: GRDB's
        // `beginTransaction` and `commit` prepare their SQL anew each time (about 30 000
        // instructions, a fifth of a one-event append). SQLite tracks the transaction either way.
        try db.cachedStatement(sql: "BEGIN IMMEDIATE TRANSACTION").execute()
        let result: T
        do {
            result = try body(db)
            try checkFileIsInPlace(db)
            try db.cachedStatement(sql: "COMMIT TRANSACTION").execute()
        } catch {
            if db.isInsideTransaction { try? db.rollback() }
            throw error
        }
        return result
    }

    /// Throws `DatabaseFileMoved` when the file the connection writes was deleted or renamed
    /// since it was opened. SQLite would commit into the orphaned file and report success (it
    /// checks only in rollback-journal mode); one `stat` per transaction is the price.
    private static func checkFileIsInPlace(_ db: Database) throws {
        var moved: Int32 = 0
        _ = sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_HAS_MOVED, &moved)
        if moved != 0 { throw DatabaseFileMoved() }
    }

    /// Runs `body` on the writer connection outside any transaction: for what must happen
    /// between transactions, such as attaching the cold store for archiving (SQLite refuses
    /// ATTACH inside a transaction).
    func writer<T>(_ body: (Database) throws -> T) throws -> T {
        try checkOpen()
        return try pool.writeWithoutTransaction(body)
    }

    func translated(_ error: any Error) -> any Error {
        if isClosed.withLock({ $0 }) { return SQLiteEventStoreError.closed(path: path) }
        return SQLiteEventStoreError.translating(error, path: path, busyTimeout: configuration.busyTimeout,
                                                 readOnly: configuration.readOnly)
    }

    /// Throws when `close()` was called.
    func checkOpen() throws {
        if isClosed.withLock({ $0 }) { throw SQLiteEventStoreError.closed(path: path) }
    }

    // MARK: Reading

    static let eventColumns =
        "position, stream_id, stream_version, event_id, event_type, schema_version, data, metadata, recorded_at"
    private static let readStreamForward = """
        SELECT \(eventColumns) FROM events WHERE stream_id = ? AND stream_version >= ? ORDER BY stream_version LIMIT ?
        """
    private static let readStreamBackward = """
        SELECT \(eventColumns) FROM events WHERE stream_id = ? AND stream_version <= ? ORDER BY stream_version DESC LIMIT ?
        """
    private static let readAllAfter = "SELECT \(eventColumns) FROM events WHERE position > ? ORDER BY position LIMIT ?"

    /// Reads a stream. A damaged row anywhere in the requested range throws `UnreadableEvent`:
    /// a partial stream would silently give its decider the wrong state.
    public func readStream(_ streamID: String, from version: Int64?, direction: ReadDirection, limit: Int) throws -> [RecordedEvent] {
        try StreamIDRules.validate(streamID)
        try InvalidReadLimit.check(limit)
        try checkOpen()
        guard limit > 0 else { return [] }
        let sql = direction == .forward ? Self.readStreamForward : Self.readStreamBackward
        let start = version ?? (direction == .forward ? 1 : Int64.max)
        do {
            // One SELECT is a consistent snapshot by itself in WAL mode, so the read needs no
            // explicit transaction (unsafeRead skips GRDB's BEGIN/COMMIT around it).
            return try pool.unsafeRead { db in
                var events: [RecordedEvent] = []
                try db.cachedStatement(sql: sql).forEachRow(arguments: [streamID, start, Int64(limit)]) { columns in
                    events.append(try Self.recordedEvent(columns, streamID: streamID))
                    return true
                }
                return events
            }
        } catch {
            throw translated(error)
        }
    }

    /// Reads the global log. A damaged row ends the page before it; when it is the first row
    /// of the page, `UnreadableEvent` is thrown naming its position and stream, and the reader
    /// may skip it with `readAll(after: error.position, limit:)`. So a reader never loses good
    /// events that come before a damaged one.
    public func readAll(after position: Int64, limit: Int) throws -> [RecordedEvent] {
        try InvalidReadLimit.check(limit)
        try checkOpen()
        guard limit > 0 else { return [] }
        do {
            return try pool.unsafeRead { db in
                var events: [RecordedEvent] = []
                events.reserveCapacity(min(limit, 1024))
                let statement = try db.cachedStatement(sql: Self.readAllAfter)
                try statement.forEachRow(arguments: [position, Int64(limit)]) { columns in
                    do {
                        events.append(try Self.recordedEvent(columns))
                        return true
                    } catch where !events.isEmpty {
                        return false
                    }
                }
                return events
            }
        } catch {
            throw translated(error)
        }
    }

    /// Decodes one row of `eventColumns`, checking every column's type: rows edited by hand,
    /// or damaged, must give an error naming where they are, never a crash or a wrong value.
    ///
    /// `streamID`, when the query selected one stream, saves reading (and allocating) it per row.
    static func recordedEvent(_ columns: StatementColumns, streamID knownStreamID: String? = nil) throws(UnreadableEvent) -> RecordedEvent {
        let position = columns.int64(0) ?? 0
        let streamID = knownStreamID ?? columns.text(1)
        let eventType = columns.text(4)
        let schemaVersion = columns.int64(5)
        func unreadable(_ reason: String) -> UnreadableEvent {
            UnreadableEvent(position: position, streamID: streamID ?? "?", eventType: eventType ?? "?",
                            schemaVersion: schemaVersion.map { Int($0) } ?? 0, reason: reason)
        }
        func column(_ name: String, _ index: Int32, expected: String) -> UnreadableEvent {
            unreadable("column \(name) holds \(columns.typeName(index)), expected \(expected)")
        }
        guard let streamID else { throw column("stream_id", 1, expected: "text") }
        guard let eventType else { throw column("event_type", 4, expected: "text") }
        guard let schemaVersion else { throw column("schema_version", 5, expected: "an integer") }
        guard let streamVersion = columns.int64(2) else { throw column("stream_version", 2, expected: "an integer") }
        guard let eventID = columns.uuid(3) else {
            throw columns.type(3) == SQLITE_TEXT
                ? unreadable("column event_id is not a UUID: '\(columns.text(3) ?? "")'")
                : column("event_id", 3, expected: "a UUID as text")
        }
        guard let data = columns.data(6) else { throw column("data", 6, expected: "a blob") }
        guard let recordedAt = columns.double(8) else { throw column("recorded_at", 8, expected: "seconds since 1970") }
        let metadata: EventMetadata
        switch columns.withText(7, { bytes in MetadataJSON.decodeMetadata(bytes).map { .success($0) } ?? Self.decodeMetadataSlowly(bytes) }) {
        case .some(.success(let decoded)): metadata = decoded
        case .some(.failure(let error)): throw unreadable("column metadata is not valid metadata JSON (\(error))")
        case .none: throw column("metadata", 7, expected: "JSON text")
        }
        return RecordedEvent(
            eventID: eventID, streamID: streamID, streamVersion: streamVersion, position: position,
            recordedAt: Date(timeIntervalSince1970: recordedAt), eventType: eventType,
            schemaVersion: Int(schemaVersion), data: data, metadata: metadata)
    }

    /// The reference decoder, for metadata the fast reader declined.
    private static func decodeMetadataSlowly(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<EventMetadata, any Error> {
        Result(catching: { try JSONDecoder().decode(EventMetadata.self, from: Data(buffer: bytes)) })
    }

    /// The stream's state in the hot log. An archived stream is `.exists` at its last version
    /// (it did exist, and it must never be started again); `isArchived(_:)` and
    /// `archivedStream(_:)` tell that it is archived.
    public func streamState(_ streamID: String) throws -> StreamState {
        try StreamIDRules.validate(streamID)
        do {
            try checkOpen()
            return try pool.unsafeRead { db in
                let hot = try Self.streamState(db, streamID)
                guard hot == .noStream, let archived = try Self.archivedStream(db, streamID) else { return hot }
                return .exists(version: archived.lastVersion)
            }
        } catch {
            throw translated(error)
        }
    }

    /// The highest position ever assigned, even if that event has since been archived.
    public func headPosition() throws -> Int64 {
        do {
            try checkOpen()
            return try pool.unsafeRead { db in try Self.headPosition(db) }
        } catch {
            throw translated(error)
        }
    }

    static func headPosition(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'events'") ?? 0
    }

    // MARK: Outbox

    public func pendingOutbox(limit: Int) throws -> [PendingMessage] {
        try InvalidReadLimit.check(limit)
        guard limit > 0 else { return [] }
        do {
            try checkOpen()
            return try pool.unsafeRead { db in
                let statement = try db.cachedStatement(sql: """
                    SELECT sequence, message_id, destination, message_type, payload, headers, attempts
                    FROM outbox WHERE delivered_at IS NULL ORDER BY sequence LIMIT ?
                    """)
                var messages: [PendingMessage] = []
                try statement.forEachRow(arguments: [Int64(limit)]) { columns in
                    let sequence = columns.int64(0) ?? 0
                    guard let messageID = columns.text(1), let destination = columns.text(2),
                          let messageType = columns.text(3), let payload = columns.data(4),
                          let headers = Self.headers(columns, 5)
                    else {
                        throw UnreadableOutboxMessage(sequence: sequence, path: path)
                    }
                    messages.append(PendingMessage(
                        sequence: sequence,
                        message: OutboxMessage(messageID: messageID, destination: destination, messageType: messageType,
                                               payload: payload, headers: headers),
                        attempts: Int(columns.int64(6) ?? 0)))
                    return true
                }
                return messages
            }
        } catch {
            throw translated(error)
        }
    }

    static func headers(_ columns: StatementColumns, _ index: Int32) -> [String: String]? {
        let decoded = columns.withText(index) { bytes in
            MetadataJSON.decodeMap(bytes) ?? (try? JSONDecoder().decode([String: String].self, from: Data(buffer: bytes)))
        }
        return decoded ?? nil
    }

    public func markDelivered(sequences: [Int64]) throws {
        guard !sequences.isEmpty else { return }
        let now = configuration.clock().timeIntervalSince1970
        do {
            try checkOpen()
            try writeImmediately { db in
                let statement = try db.cachedStatement(sql: """
                    UPDATE outbox SET delivered_at = ? WHERE sequence = ? AND delivered_at IS NULL
                    """)
                for sequence in sequences {
                    try statement.execute(arguments: [now, sequence])
                }
            }
        } catch {
            throw translated(error)
        }
    }
}

/// An outbox row whose columns do not hold what the outbox wrote.
public struct UnreadableOutboxMessage: Error, Sendable, Hashable, CustomStringConvertible {
    public let sequence: Int64
    public let path: String

    public var description: String {
        "Cannot read outbox message \(sequence) in \(path): a column is missing or holds the wrong type. Fix or delete the row; nothing was sent."
    }
}
