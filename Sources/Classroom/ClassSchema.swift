import Foundation

/// The class's tables, functions and grants on the server: what makes the attendee's and the
/// board's credentials safe to hand out.
///
/// A class `NAME` is the PostgreSQL schema `class_NAME` holding an event store (the tables of
/// `PostgresEventStore`, created by its migrations), plus:
/// - `attendees`: each name with the hash of the secret token it was given when it joined.
/// - `board_state`: the boards' folded state with its checkpoint.
/// - `class_join(name)`, `class_append(name, token, …)`, `class_whoami(name, token)`:
///   `SECURITY DEFINER` functions, the only things the attendee role may run. `class_append`
///   checks the token's hash against the name's and that the stream starts with `name/`, then
///   appends through the store's own `append_to_stream` (idempotent by event id).
///
/// Two login roles: `class_NAME_attendee` (USAGE on the schema and EXECUTE on those three
/// functions, nothing else: no table, no sequence, no other function) and `class_NAME_board`
/// (reads the log, keeps its own state; CREATE on the schema because opening an event store
/// runs `CREATE TABLE IF NOT EXISTS` for its migrations).
///
/// Why a token and not a role per attendee: creating roles needs the trainer's rights, which
/// an attendee's join must not have; the server still binds each name to a secret only its
/// owner holds (the same idea as a per-user API key checked in the database).
enum ClassSchema {
    /// The progress facts an attendee may append (the server refuses any other type).
    static let factTypes = ["ExerciseOpened", "CheckRan", "HintRevealed", "ExerciseReset", "ExerciseCompleted"]

    /// The largest fact the server accepts, in bytes of JSON: a fact is a few hundred bytes;
    /// the limit keeps a misbehaving client from filling the class's disk.
    static let maximumFactBytes = 8_192

    /// Tables and functions, created by the trainer's role inside the class schema (which is
    /// the search path), one statement each. `schema` is a checked plain identifier.
    static func objects(schema: String) -> [String] {
        let types = factTypes.map { "'\($0)'" }.joined(separator: ", ")
        return statements("""
            CREATE TABLE attendees (
                name text PRIMARY KEY,
                token_hash bytea NOT NULL,
                joined_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE TABLE board_state (
                board text PRIMARY KEY,
                position bigint NOT NULL,
                state text NOT NULL
            );

            -- A new attendee: the name is checked here (no slash: it prefixes their streams), taken
            -- once, and answered with a secret token whose hash only is kept.
            CREATE FUNCTION class_join(p_name text) RETURNS text
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = \(schema), pg_temp AS $$
            DECLARE
                token text := replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
            BEGIN
                IF p_name IS NULL OR length(p_name) NOT BETWEEN 1 AND 40 OR p_name ~ '[/[:cntrl:]]'
                   OR p_name <> btrim(p_name) THEN
                    RAISE EXCEPTION 'not an attendee name' USING ERRCODE = 'WSC01';
                END IF;
                INSERT INTO attendees (name, token_hash) VALUES (p_name, sha256(convert_to(token, 'UTF8')))
                ON CONFLICT (name) DO NOTHING;
                IF NOT FOUND THEN
                    RAISE EXCEPTION 'name already taken' USING ERRCODE = 'WSC02';
                END IF;
                RETURN token;
            END $$;

            CREATE FUNCTION class_whoami(p_name text, p_token text) RETURNS boolean
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = \(schema), pg_temp AS $$
                SELECT EXISTS (SELECT 1 FROM attendees WHERE name = p_name AND token_hash = sha256(convert_to(p_token, 'UTF8')))
            $$;

            -- One progress fact of the attendee holding the token: 'appended', or 'repeated' for a
            -- fact already here (the relay's retries).
            CREATE FUNCTION class_append(
                p_name text, p_token text, p_stream_id text, p_event_id uuid, p_event_type text,
                p_data bytea, p_recorded_at timestamptz
            ) RETURNS text
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = \(schema), pg_temp AS $$
            DECLARE
                result record;
            BEGIN
                IF NOT class_whoami(p_name, p_token) THEN
                    RAISE EXCEPTION 'not an attendee of this class (unknown name or wrong token)' USING ERRCODE = 'WSC03';
                END IF;
                IF p_stream_id IS NULL OR left(p_stream_id, length(p_name) + 1) <> p_name || '/' THEN
                    RAISE EXCEPTION 'an attendee appends only to their own streams' USING ERRCODE = 'WSC04';
                END IF;
                IF p_event_type IS NULL OR p_event_type NOT IN (\(types))
                   OR p_data IS NULL OR octet_length(p_data) > \(maximumFactBytes) THEN
                    RAISE EXCEPTION 'not a progress fact' USING ERRCODE = 'WSC05';
                END IF;
                SELECT * INTO result FROM append_to_stream(
                    p_stream_id, 0, 0, ARRAY[p_event_id], ARRAY[p_event_type], ARRAY[1], ARRAY[p_data], ARRAY['{}'],
                    least(coalesce(p_recorded_at, now()), now()),
                    ARRAY[]::text[], ARRAY[]::text[], ARRAY[]::text[], ARRAY[]::bytea[], ARRAY[]::text[], NULL);
                IF result.outcome NOT IN ('appended', 'repeated') THEN
                    RAISE EXCEPTION 'the event id is already used by another stream' USING ERRCODE = 'WSC06';
                END IF;
                RETURN result.outcome;
            END $$;
            """)
    }

    /// Roles and grants, run by the trainer's role with the two passwords set as the
    /// transaction's settings `workshop.attendee_password` and `workshop.board_password`
    /// (bound parameters): the passwords never appear in a statement's text, so a server that
    /// logs statements (`log_statement = ddl`) does not log them.
    static func security(schema: String, attendee: String, board: String) -> [String] {
        statements("""
        DO $$
        BEGIN
            EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', '\(attendee)', current_setting('workshop.attendee_password'));
            EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', '\(board)', current_setting('workshop.board_password'));
        END $$;
        REVOKE ALL ON SCHEMA \(schema) FROM PUBLIC;
        REVOKE ALL ON ALL TABLES IN SCHEMA \(schema) FROM PUBLIC;
        REVOKE ALL ON ALL SEQUENCES IN SCHEMA \(schema) FROM PUBLIC;
        REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA \(schema) FROM PUBLIC;
        -- Functions a later migration adds are not the attendee's either.
        ALTER DEFAULT PRIVILEGES IN SCHEMA \(schema) REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;

        GRANT USAGE ON SCHEMA \(schema) TO \(attendee), \(board);
        GRANT EXECUTE ON FUNCTION class_join(text), class_whoami(text, text),
            class_append(text, text, text, uuid, text, bytea, timestamptz) TO \(attendee);

        GRANT CREATE ON SCHEMA \(schema) TO \(board);
        GRANT SELECT ON events, checkpoints, event_store_migrations, outbox TO \(board);
        GRANT SELECT ON SEQUENCE event_positions TO \(board);
        GRANT SELECT, INSERT, UPDATE ON board_state TO \(board);

        ALTER ROLE \(attendee) SET search_path = \(schema);
        ALTER ROLE \(board) SET search_path = \(schema);
        """)
    }

    /// The statements of a script, each on its own: the driver's extended protocol runs one
    /// statement per query. A statement ends with `;` at the end of a line outside a `$$` body.
    static func statements(_ script: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var inBody = false
        for line in script.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("--") || (trimmed.isEmpty && current.isEmpty) { continue }
            current += line + "\n"
            if line.components(separatedBy: "$$").count % 2 == 0 { inBody.toggle() }
            if !inBody && trimmed.hasSuffix(";") {
                statements.append(current.trimmingCharacters(in: .whitespacesAndNewlines))
                current = ""
            }
        }
        let rest = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !rest.isEmpty { statements.append(rest) }
        return statements
    }
}
