#if Postgres
import EventSourcing
import Foundation
import NIOCore
import NIOFoundationCompat
import PostgresNIO

/// An event store on a PostgreSQL server: streams, a global log that never skips, projection
/// checkpoints and a transactional outbox that several relays can share.
///
/// ```swift
/// let store = try PostgresEventStore(url: PostgresStoreURL("postgres://workshop:secret@localhost/hotel"))
/// try store.append(to: "guest_stay-42", expected: .noStream, events: [checkedIn])
/// ```
///
/// It keeps `EventStoreContract`, like the in-memory and SQLite stores. Any number of
/// processes on any number of machines may open the same database: the schema is created by
/// migrations under an advisory lock, an append is checked and written on the server in one
/// statement, and concurrent appends to one stream are refused by a unique index.
///
/// The global log is read only below the oldest transaction still writing
/// (`pg_snapshot_xmin(pg_current_snapshot())`, as Emmett does), and positions are handed out
/// in transaction order (see `PostgresSchema.v1`), so a reader that saw position P never later
/// finds a new event at or below P. Positions have gaps (a rolled-back append used them).
/// One consequence to know: a transaction that stays open (in any database of the same
/// server) holds the visible end of the log back until it ends.
///
/// The protocol is synchronous; the driver is not. See `BlockingConnections` for the bridge.
public final class PostgresEventStore: EventStore {
    public let url: PostgresStoreURL
    let connections: BlockingConnections
    private let clock: @Sendable () -> Date

    /// Connects, and creates or upgrades the tables.
    ///
    /// - Parameter clock: the time stamped on recorded events.
    /// - Throws: `PostgresEventStoreError` with a sentence: server unreachable (after at most
    ///   `connectTimeout`), wrong password, unknown database, tables of another application.
    public init(url: PostgresStoreURL, connectTimeout: Duration = .seconds(5), clock: @escaping @Sendable () -> Date = { Date() }) throws {
        self.url = url
        self.clock = clock
        let configuration: PostgresConnection.Configuration
        if let folder = url.socketFolder {
            configuration = .init(unixSocketPath: "\(folder)/.s.PGSQL.\(url.port)", username: url.user, password: url.password, database: url.database)
        } else {
            configuration = .init(host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: .disable)
        }
        var withOptions = configuration
        withOptions.options.additionalStartupParameters = [("application_name", "workshop")]
        if let schema = url.schema {
            withOptions.options.additionalStartupParameters.append(("search_path", schema))
        }
        let (seconds, attoseconds) = connectTimeout.components
        connections = BlockingConnections(
            configuration: withOptions, target: url.redacted,
            connectTimeout: .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000))
        try connections.withConnection { connection in
            do {
                try PostgresSchema.migrate(connection, target: url.redacted, schema: url.schema)
            } catch {
                throw PostgresEventStoreError.translating(error, target: url.redacted, during: "creating the event store's tables")
            }
        }
    }

    /// Convenience: a URL string.
    public convenience init(url: String, clock: @escaping @Sendable () -> Date = { Date() }) throws {
        try self.init(url: PostgresStoreURL(url), clock: clock)
    }

    /// Closes the idle connections now rather than when the store is released.
    public func close() {
        connections.closeIdle()
    }

    /// Runs `body` on a connection of this store (same schema), outside any transaction.
    package func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try connections.withConnection(body)
    }

    // MARK: Appending

    /// Encoded once, before a connection is taken.
    struct EncodedAppend {
        let streamID: String
        let expected: ExpectedVersion
        let events: [EventData]
        let metadata: [String]
        let outbox: [OutboxMessage]
        let outboxHeaders: [String]
    }

    @discardableResult
    public func append(to streamID: String, expected: ExpectedVersion, events: [EventData], outbox: [OutboxMessage]) throws -> AppendResult {
        let encoded = try Self.encode(streamID: streamID, expected: expected, events: events, outbox: outbox)
        let recordedAt = clock()
        return try retryingRaces(during: "an append to stream '\(streamID)'") {
            try connections.withConnection { connection in
                try Self.append(encoded, recordedAt: recordedAt, positions: nil, on: connection)
            }
        }
    }

    /// Appends to several streams in one transaction: every append lands, or none does; each is
    /// checked as `append(to:expected:events:)` checks it, in order.
    @discardableResult
    public func appendBatch(_ appends: [(streamID: String, expected: ExpectedVersion, events: [EventData])]) throws -> [AppendResult] {
        try appendBatch(appends, whileOpen: {})
    }

    /// `appendBatch`, calling `whileOpen` after the writes and before the commit: the gap test
    /// holds transactions open with it.
    package func appendBatch(
        _ appends: [(streamID: String, expected: ExpectedVersion, events: [EventData])], whileOpen: () throws -> Void
    ) throws -> [AppendResult] {
        guard !appends.isEmpty else { return [] }
        let encoded = try appends.map { try Self.encode(streamID: $0.streamID, expected: $0.expected, events: $0.events, outbox: []) }
        let recordedAt = clock()
        let total = encoded.reduce(0) { $0 + $1.events.count }
        return try retryingRaces(during: "a batch of \(appends.count) appends") {
            try connections.inTransaction { connection in
                // All positions of the transaction at once, before it writes anything: see
                // `reserve_positions`.
                var reserved: ArraySlice<Int64> = []
                if total > 0 {
                    let rows = try BlockingConnections.run("SELECT reserve_positions(\(Int32(total)))", on: connection)
                    reserved = try rows.rows.first.map { try $0.decode([Int64].self) }.map { ArraySlice($0) } ?? []
                }
                var results: [AppendResult] = []
                for append in encoded {
                    let positions = Array(reserved.prefix(append.events.count))
                    let result = try Self.append(append, recordedAt: recordedAt, positions: append.events.isEmpty ? nil : positions, on: connection)
                    // A repeated append used none of its reserved positions: leave them as gaps.
                    reserved = reserved.dropFirst(append.events.count)
                    results.append(result)
                }
                try whileOpen()
                return results
            }
        }
    }

    /// Checks what every store checks before touching its data (`AppendRules`), then encodes.
    static func encode(streamID: String, expected: ExpectedVersion, events: [EventData], outbox: [OutboxMessage]) throws -> EncodedAppend {
        let outbox = try AppendRules.check(streamID: streamID, events: events, outbox: outbox)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return EncodedAppend(
            streamID: streamID, expected: expected, events: events,
            metadata: try events.map { String(decoding: try encoder.encode($0.metadata), as: UTF8.self) },
            outbox: outbox,
            outboxHeaders: try outbox.map { String(decoding: try encoder.encode($0.headers), as: UTF8.self) })
    }

    private static func append(_ append: EncodedAppend, recordedAt: Date, positions: [Int64]?, on connection: PostgresConnection) throws -> AppendResult {
        let (kind, version): (Int32, Int64) = switch append.expected {
        case .any: (0, 0)
        case .noStream: (1, 0)
        case .streamExists: (2, 0)
        case .exact(let version): (3, version)
        }
        let query: PostgresQuery = """
            SELECT outcome, version, positions, ids, message_ids FROM append_to_stream(
                \(append.streamID), \(kind), \(version),
                \(append.events.map(\.eventID)), \(append.events.map(\.eventType)), \(append.events.map { Int32($0.schemaVersion) }),
                \(append.events.map { ByteBuffer(data: $0.data) }), \(append.metadata), \(recordedAt),
                \(append.outbox.map(\.messageID)), \(append.outbox.map(\.destination)), \(append.outbox.map(\.messageType)),
                \(append.outbox.map { ByteBuffer(data: $0.payload) }), \(append.outboxHeaders), \(positions))
            """
        let rows = try BlockingConnections.run(query, on: connection).rows
        guard let row = rows.first else {
            throw PostgresEventStoreError(.server, "The append to stream '\(append.streamID)' got no answer from append_to_stream.")
        }
        let (outcome, resultVersion, resultPositions, ids, messageIDs) = try row.decode((String, Int64?, [Int64]?, [UUID]?, [String]?).self)
        switch outcome {
        case "appended", "repeated":
            return AppendResult(nextExpectedVersion: resultVersion ?? 0, positions: resultPositions ?? [])
        case "duplicate":
            throw DuplicateEventIDs(streamID: append.streamID, eventIDs: ids ?? [])
        case "outbox_conflict":
            throw ConflictingOutboxMessage(messageID: messageIDs?.first ?? "")
        default:
            let actual: StreamState = (resultVersion ?? 0) > 0 ? .exists(version: resultVersion ?? 0) : .noStream
            throw WrongExpectedVersion(streamID: append.streamID, expected: append.expected, actual: actual)
        }
    }

    /// Two appends racing for the same stream version, or the same event ids, both pass their
    /// checks and one of them then hits a unique index: run that one again, so it sees the
    /// other and answers as a conflict (or appends, for `.any`), or as the retry it is.
    private func retryingRaces<T>(during operation: String, _ body: () throws -> T) throws -> T {
        var attempt = 0
        while true {
            do {
                return try body()
            } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" && attempt < 5 {
                attempt += 1
            } catch {
                throw PostgresEventStoreError.translating(error, target: url.redacted, during: operation)
            }
        }
    }

    // MARK: Reading

    static let eventColumns =
        "position, stream_id, stream_version, event_id, event_type, schema_version, data, metadata, recorded_at"

    public func readStream(_ streamID: String, from version: Int64?, direction: ReadDirection, limit: Int) throws -> [RecordedEvent] {
        try StreamIDRules.validate(streamID)
        try InvalidReadLimit.check(limit)
        guard limit > 0 else { return [] }
        let query: PostgresQuery
        switch direction {
        case .forward:
            query = """
                SELECT position, stream_id, stream_version, event_id, event_type, schema_version, data, metadata, recorded_at
                FROM events WHERE stream_id = \(streamID) AND stream_version >= \(version ?? 1)
                ORDER BY stream_version LIMIT \(Int64(limit))
                """
        case .backward:
            query = """
                SELECT position, stream_id, stream_version, event_id, event_type, schema_version, data, metadata, recorded_at
                FROM events WHERE stream_id = \(streamID) AND stream_version <= \(version ?? Int64.max)
                ORDER BY stream_version DESC LIMIT \(Int64(limit))
                """
        }
        return try read(query, during: "reading stream '\(streamID)'")
    }

    /// The log after `position`, only as far as every transaction below has ended: see the
    /// type's documentation.
    public func readAll(after position: Int64, limit: Int) throws -> [RecordedEvent] {
        try InvalidReadLimit.check(limit)
        guard limit > 0 else { return [] }
        return try read("""
            SELECT position, stream_id, stream_version, event_id, event_type, schema_version, data, metadata, recorded_at
            FROM events WHERE position > \(position) AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY position LIMIT \(Int64(limit))
            """, during: "reading the global log")
    }

    private func read(_ query: PostgresQuery, during operation: String) throws -> [RecordedEvent] {
        do {
            let rows = try connections.withConnection { try BlockingConnections.run(query, on: $0).rows }
            let decoder = JSONDecoder()
            return try rows.map { row in
                let (position, streamID, streamVersion, eventID, eventType, schemaVersion, data, metadata, recordedAt) =
                    try row.decode((Int64, String, Int64, UUID, String, Int32, Data, String, Date).self)
                let decoded: EventMetadata
                do {
                    decoded = try decoder.decode(EventMetadata.self, from: Data(metadata.utf8))
                } catch {
                    throw UnreadableEvent(position: position, streamID: streamID, eventType: eventType, schemaVersion: Int(schemaVersion),
                                          reason: "column metadata is not valid metadata JSON (\(error))")
                }
                return RecordedEvent(
                    eventID: eventID, streamID: streamID, streamVersion: streamVersion, position: position, recordedAt: recordedAt,
                    eventType: eventType, schemaVersion: Int(schemaVersion), data: data, metadata: decoded)
            }
        } catch let error as UnreadableEvent {
            throw error
        } catch {
            throw PostgresEventStoreError.translating(error, target: url.redacted, during: operation)
        }
    }

    public func streamState(_ streamID: String) throws -> StreamState {
        try StreamIDRules.validate(streamID)
        let version = try scalar(
            "SELECT stream_version FROM events WHERE stream_id = \(streamID) ORDER BY stream_version DESC LIMIT 1",
            as: Int64.self, during: "reading the state of stream '\(streamID)'")
        return version.map { .exists(version: $0) } ?? .noStream
    }

    /// The end of the log as readers see it: below the oldest transaction still writing.
    public func headPosition() throws -> Int64 {
        try scalar("""
            SELECT coalesce(max(position), 0) FROM events WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
            """, as: Int64.self, during: "reading the head position") ?? 0
    }

    func scalar<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type, during operation: String) throws -> T? {
        do {
            return try connections.withConnection { connection in
                try BlockingConnections.run(query, on: connection).rows.first.map { try $0.decode(T.self) }
            }
        } catch {
            throw PostgresEventStoreError.translating(error, target: url.redacted, during: operation)
        }
    }

    func execute(_ query: PostgresQuery, during operation: String) throws {
        do {
            try connections.withConnection { connection in
                _ = try BlockingConnections.run(query, on: connection)
            }
        } catch {
            throw PostgresEventStoreError.translating(error, target: url.redacted, during: operation)
        }
    }

    // MARK: Outbox

    public func pendingOutbox(limit: Int) throws -> [PendingMessage] {
        try InvalidReadLimit.check(limit)
        guard limit > 0 else { return [] }
        do {
            let rows = try connections.withConnection { connection in
                try BlockingConnections.run("""
                    SELECT sequence, message_id, destination, message_type, payload, headers, attempts
                    FROM outbox WHERE delivered_at IS NULL ORDER BY sequence LIMIT \(Int64(limit))
                    """, on: connection).rows
            }
            return try rows.map(Self.pendingMessage)
        } catch {
            throw PostgresEventStoreError.translating(error, target: url.redacted, during: "reading the outbox")
        }
    }

    static func pendingMessage(_ row: PostgresRow) throws -> PendingMessage {
        let (sequence, messageID, destination, messageType, payload, headers, attempts) =
            try row.decode((Int64, String, String, String, Data, String, Int32).self)
        let decodedHeaders = (try? JSONDecoder().decode([String: String].self, from: Data(headers.utf8))) ?? [:]
        return PendingMessage(
            sequence: sequence,
            message: OutboxMessage(messageID: messageID, destination: destination, messageType: messageType, payload: payload, headers: decodedHeaders),
            attempts: Int(attempts))
    }

    public func markDelivered(sequences: [Int64]) throws {
        guard !sequences.isEmpty else { return }
        try execute("""
            UPDATE outbox SET delivered_at = \(clock()), claimed_by = NULL, claimed_until = NULL
            WHERE sequence = ANY(\(sequences)) AND delivered_at IS NULL
            """, during: "marking outbox messages delivered")
    }

    public func recordFailedDelivery(sequences: [Int64]) throws {
        guard !sequences.isEmpty else { return }
        // One failed delivery per call, however often a sequence is listed (as the other stores).
        try execute("""
            UPDATE outbox SET attempts = attempts + 1 WHERE sequence = ANY(\(sequences)) AND delivered_at IS NULL
            """, during: "recording failed deliveries")
    }
}
#endif
