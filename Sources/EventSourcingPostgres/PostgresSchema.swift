#if Postgres
import PostgresNIO

/// The tables and functions of a PostgreSQL event store, created by numbered migrations.
///
/// Every process that opens a store runs `migrate`: inside one transaction that first takes a
/// transaction-level advisory lock, so any number of processes may open a new database at once
/// and exactly one of them creates the tables while the others wait and then find them. A
/// released migration is never edited: a later change is a new one at the end of `migrations`.
enum PostgresSchema {
    /// The advisory lock key of migrations ("ESMG"); a store's position reservations use
    /// `positionLockKey`.
    static let migrationLockKey: Int64 = 0x4553_4D47
    /// Serializes the assignment of transaction ids and positions ("ESPO"); see `reservePositions`.
    static let positionLockKey: Int64 = 0x4553_504F

    /// Each migration's statements, run one by one (the driver sends one statement per query).
    static let migrations: [(version: Int, name: String, statements: [String])] = [
        (1, "events, checkpoints, outbox", v1),
        (2, "outbox claims with a lease", v2),
    ]

    /// Creates or upgrades the tables in the connection's current schema.
    static func migrate(_ connection: PostgresConnection, target: String, schema: String?) throws {
        if let schema {
            // `schema` is a plain identifier (checked by PostgresStoreURL), quoted anyway.
            try BlockingConnections.run(PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \"\(schema)\""), on: connection)
        }
        try BlockingConnections.run("BEGIN", on: connection)
        do {
            try BlockingConnections.run("SELECT pg_advisory_xact_lock(\(migrationLockKey))", on: connection)
            let tables = try BlockingConnections.run("""
                SELECT table_name::text FROM information_schema.tables
                WHERE table_schema = current_schema() AND table_name IN ('events', 'outbox', 'checkpoints', 'event_store_migrations')
                """, on: connection)
            let existing = Set(try tables.rows.map { try $0.decode(String.self) })
            if !existing.contains("event_store_migrations"), let foreign = ["events", "outbox", "checkpoints"].first(where: existing.contains) {
                throw PostgresEventStoreError.notOurTables(target: target, table: foreign)
            }
            try BlockingConnections.run("""
                CREATE TABLE IF NOT EXISTS event_store_migrations (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, on: connection)
            let applied = Set(try BlockingConnections.run("SELECT version FROM event_store_migrations", on: connection)
                .rows.map { try $0.decode(Int.self) })
            for migration in migrations where !applied.contains(migration.version) {
                for statement in migration.statements {
                    try BlockingConnections.run(PostgresQuery(unsafeSQL: statement), on: connection)
                }
                try BlockingConnections.run(
                    "INSERT INTO event_store_migrations (version, name) VALUES (\(migration.version), \(migration.name))", on: connection)
            }
            try BlockingConnections.run("COMMIT", on: connection)
        } catch {
            _ = try? BlockingConnections.run("ROLLBACK", on: connection)
            throw error
        }
    }

    /// The event log, checkpoints, the outbox, and the two functions appends go through.
    ///
    /// - `position` comes from `event_positions`, but only through `reserve_positions`, which
    ///   hands out positions and the transaction's id together under a short lock: so positions
    ///   increase with transaction ids, and a reader that only reads below the oldest
    ///   transaction still running (`pg_snapshot_xmin`) reads a prefix of the log that can
    ///   never grow a new event below its end. A plain sequence alone would let a transaction
    ///   that took position 11 commit after another took 12 and committed: a reader past 12
    ///   would skip 11 for ever.
    /// - `transaction_id` (xid8) is the writing transaction, for that rule.
    /// - `event_id` is unique store-wide: what makes a retried append detectable.
    /// - `metadata` is JSON text, byte for byte what the client wrote (jsonb would reject some
    ///   escapes and reorder keys).
    static let v1: [String] = [
        """
            CREATE SEQUENCE event_positions AS bigint
            """,
        """
            CREATE TABLE events (
                position bigint PRIMARY KEY,
                transaction_id xid8 NOT NULL,
                stream_id text NOT NULL,
                stream_version bigint NOT NULL,
                event_id uuid NOT NULL UNIQUE,
                event_type text NOT NULL,
                schema_version integer NOT NULL,
                data bytea NOT NULL,
                metadata text NOT NULL DEFAULT '{}',
                recorded_at timestamptz NOT NULL,
                UNIQUE (stream_id, stream_version)
            )
            """,
        """
            ALTER SEQUENCE event_positions OWNED BY events.position
            """,
        """
            CREATE TABLE checkpoints (
                name text PRIMARY KEY,
                position bigint NOT NULL
            )
            """,
        """
            CREATE TABLE outbox (
                sequence bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                message_id text NOT NULL UNIQUE,
                destination text NOT NULL,
                message_type text NOT NULL,
                payload bytea NOT NULL,
                headers text NOT NULL DEFAULT '{}',
                attempts integer NOT NULL DEFAULT 0,
                delivered_at timestamptz,
                created_position bigint NOT NULL
            )
            """,
        """
            CREATE INDEX outbox_pending ON outbox (sequence) WHERE delivered_at IS NULL
            """,
        """
            -- Positions for `count` events, and this transaction's id, taken together under a lock
            -- held only for this call: transactions get their ids in the same order as their
            -- positions. A transaction that already wrote (and so already has an id, taken outside
            -- the lock) would break that order, so it is refused.
            CREATE FUNCTION reserve_positions(count integer) RETURNS bigint[] LANGUAGE plpgsql AS $$
            DECLARE
                reserved bigint[];
            BEGIN
                IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
                    RAISE EXCEPTION 'reserve_positions must come before any other write of the transaction';
                END IF;
                PERFORM pg_advisory_lock(\(positionLockKey));
                PERFORM pg_current_xact_id();
                SELECT array_agg(nextval('event_positions') ORDER BY n) INTO reserved FROM generate_series(1, count) AS n;
                PERFORM pg_advisory_unlock(\(positionLockKey));
                RETURN reserved;
            END $$
            """,
        """
            -- One append, checked and written on the server in one round trip. Outcomes:
            -- 'appended' (version, positions), 'repeated' (the earlier append's version and
            -- positions), 'duplicate' (the ids already stored elsewhere), 'conflict' (the actual
            -- version). `positions` are reserved ones (a batch reserves for all its appends first) or
            -- NULL to reserve here.
            CREATE FUNCTION append_to_stream(
                p_stream_id text, p_expected_kind integer, p_expected_version bigint,
                p_event_ids uuid[], p_event_types text[], p_schema_versions integer[], p_data bytea[], p_metadata text[],
                p_recorded_at timestamptz,
                p_message_ids text[], p_destinations text[], p_message_types text[], p_payloads bytea[], p_headers text[],
                p_positions bigint[]
            ) RETURNS TABLE (outcome text, version bigint, positions bigint[], ids uuid[], message_ids text[]) LANGUAGE plpgsql AS $$
            DECLARE
                event_count integer := coalesce(array_length(p_event_ids, 1), 0);
                current_version bigint;
                found_ids uuid[];
                conflicting_messages text[];
                found_streams text[];
                found_versions bigint[];
                found_positions bigint[];
                new_positions bigint[];
            BEGIN
                IF event_count > 0 THEN
                    SELECT array_agg(given.id ORDER BY given.n), array_agg(e.stream_id ORDER BY given.n),
                           array_agg(e.stream_version ORDER BY given.n), array_agg(e.position ORDER BY given.n)
                      INTO found_ids, found_streams, found_versions, found_positions
                      FROM unnest(p_event_ids) WITH ORDINALITY AS given(id, n)
                      JOIN events e ON e.event_id = given.id;
                    IF found_ids IS NOT NULL THEN
                        -- A retry: every id stored, in this stream, in this order, contiguous.
                        IF array_length(found_ids, 1) = event_count AND p_stream_id = ALL (found_streams)
                           AND (SELECT bool_and(v = found_versions[1] + k - 1)
                                  FROM unnest(found_versions) WITH ORDINALITY AS f(v, k)) THEN
                            RETURN QUERY SELECT 'repeated'::text, found_versions[event_count], found_positions, NULL::uuid[], NULL::text[];
                        ELSE
                            RETURN QUERY SELECT 'duplicate'::text, NULL::bigint, NULL::bigint[], found_ids, NULL::text[];
                        END IF;
                        RETURN;
                    END IF;
                END IF;
                SELECT e.stream_version INTO current_version FROM events e
                 WHERE e.stream_id = p_stream_id ORDER BY e.stream_version DESC LIMIT 1;
                current_version := coalesce(current_version, 0);
                IF NOT (p_expected_kind = 0
                        OR (p_expected_kind = 1 AND current_version = 0)
                        OR (p_expected_kind = 2 AND current_version > 0)
                        OR (p_expected_kind = 3 AND current_version > 0 AND current_version = p_expected_version)) THEN
                    RETURN QUERY SELECT 'conflict'::text, current_version, NULL::bigint[], NULL::uuid[], NULL::text[];
                    RETURN;
                END IF;
                -- A message id already queued with other content is refused before anything is
            -- written; the same message again is the same message, kept once.
            SELECT array_agg(o.message_id) INTO conflicting_messages FROM outbox o
              JOIN unnest(p_message_ids, p_destinations, p_message_types, p_payloads, p_headers) AS m(id, destination, kind, payload, headers)
                ON o.message_id = m.id
             WHERE (o.destination, o.message_type, o.payload, o.headers) IS DISTINCT FROM (m.destination, m.kind, m.payload, m.headers);
            IF conflicting_messages IS NOT NULL THEN
                RETURN QUERY SELECT 'outbox_conflict'::text, NULL::bigint, NULL::bigint[], NULL::uuid[], conflicting_messages;
                RETURN;
            END IF;
            IF event_count > 0 THEN
                new_positions := coalesce(p_positions, reserve_positions(event_count));
                INSERT INTO events (position, transaction_id, stream_id, stream_version, event_id, event_type,
                                    schema_version, data, metadata, recorded_at)
                SELECT new_positions[given.n], pg_current_xact_id(), p_stream_id, current_version + given.n, given.id,
                       p_event_types[given.n], p_schema_versions[given.n], p_data[given.n], p_metadata[given.n], p_recorded_at
                  FROM unnest(p_event_ids) WITH ORDINALITY AS given(id, n);
            ELSE
                new_positions := ARRAY[]::bigint[];
            END IF;
            IF coalesce(array_length(p_message_ids, 1), 0) > 0 THEN
                INSERT INTO outbox (message_id, destination, message_type, payload, headers, created_position)
                SELECT m.id, p_destinations[m.n], p_message_types[m.n], p_payloads[m.n], p_headers[m.n],
                       coalesce(new_positions[event_count], 0)
                  FROM unnest(p_message_ids) WITH ORDINALITY AS m(id, n)
                ON CONFLICT (message_id) DO NOTHING;
            END IF;
            IF event_count > 0 THEN
                -- Delivered at commit, to every LISTENer: subscriptions wake up instead of polling.
                PERFORM pg_notify('event_store_appended', new_positions[event_count]::text);
            END IF;
            RETURN QUERY SELECT 'appended'::text, current_version + event_count, new_positions, NULL::uuid[], NULL::text[];
            END $$
            """,
    ]

    /// Claims for relays: a relay holds a message until `claimed_until`; after that (it
    /// crashed, or is too slow) another relay may claim it.
    static let v2 = [
        "ALTER TABLE outbox ADD COLUMN claimed_by text, ADD COLUMN claimed_until timestamptz",
    ]
}
#endif
