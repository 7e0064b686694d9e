#if Postgres
@testable import Classroom
import EventSourcingPostgres
import Foundation
import PostgresNIO
import Testing
import WorkshopKit

/// Every forbidden action, tried by logging in with the attendee's credentials and sending
/// plain SQL: the server refuses each one (no check of ours in the client is involved).
@Suite(.serialized) struct ClassSecurityTests {
    static let forbidden: [(String, String)] = [
        ("reads the class log", "SELECT * FROM events"),
        ("reads the attendees", "SELECT * FROM attendees"),
        ("reads the board's tables", "SELECT * FROM board_state"),
        ("reads the checkpoints", "SELECT * FROM checkpoints"),
        ("reads the outbox", "SELECT * FROM outbox"),
        ("inserts into the log", "INSERT INTO events (position, transaction_id, stream_id, stream_version, event_id, event_type, schema_version, data, recorded_at) VALUES (999, pg_current_xact_id(), 'x/y', 1, gen_random_uuid(), 'CheckRan', 1, '\\x7b7d', now())"),
        ("updates the log", "UPDATE events SET data = '\\x7b7d'"),
        ("deletes from the log", "DELETE FROM events"),
        ("truncates the log", "TRUNCATE events"),
        ("updates the attendees", "UPDATE attendees SET token_hash = '\\x00'"),
        ("deletes the board", "DELETE FROM board_state"),
        ("creates a table in the class", "CREATE TABLE mine (a int)"),
        ("creates a table in public", "CREATE TABLE public.mine (a int)"),
        ("creates a role", "CREATE ROLE intruder LOGIN"),
        ("creates a schema", "CREATE SCHEMA intruder"),
        ("calls the store's append directly", "SELECT append_to_stream('ada/exercise-x', 0, 0, ARRAY[gen_random_uuid()], ARRAY['CheckRan'], ARRAY[1], ARRAY['\\x7b7d'::bytea], ARRAY['{}'], now(), ARRAY[]::text[], ARRAY[]::text[], ARRAY[]::text[], ARRAY[]::bytea[], ARRAY[]::text[], NULL)"),
        ("reserves positions", "SELECT reserve_positions(1)"),
        ("drops the log", "DROP TABLE events"),
        ("grants itself the log", "GRANT SELECT ON events TO CURRENT_USER"),
    ]

    @Test func theAttendeeRoleIsRefusedEveryForbiddenAction() throws {
        let room = try TestClass()
        let session = try room.attendeeSession()
        for (what, sql) in Self.forbidden {
            let state = sqlState { try session.run(PostgresQuery(unsafeSQL: sql), during: what) }
            // 42501: insufficient privilege (also what a missing grant on a schema gives).
            #expect(state == "42501", "the attendee \(what): \(state ?? "allowed")")
        }
    }

    @Test func anAttendeeCannotAppendAsAnotherNorToAnothersStreams() throws {
        let room = try TestClass()
        let ada = try ClassAttendee(joinURL: room.invitation.join)
        let adaToken = try ada.join(as: "ada")
        let bobToken = try ada.join(as: "bob")
        let fact = RelayedFact(eventID: UUID(), localStream: "exercise-facts", eventType: "CheckRan",
                               data: Data(#"{"exercise":"facts","status":"passed"}"#.utf8), at: Date())
        // bob's token does not make anyone ada.
        #expect(throws: ClassError.self) { try ada.append(fact, as: "ada", token: bobToken) }
        // bob's own token cannot write into ada's streams: the stream must start with "bob/".
        let session = try room.attendeeSession()
        let intoAdas = sqlState {
            try session.run("""
                SELECT class_append('bob', \(bobToken), 'ada/exercise-facts', \(UUID()), 'CheckRan', '\\x7b7d'::bytea, now())
                """, during: "appending into ada's stream")
        }
        #expect(intoAdas == "WSC04")
        // A name cannot be taken twice.
        #expect(throws: ClassError.self) { _ = try ada.join(as: "ada") }
        // And with the right token, it goes through.
        #expect(try ada.append(fact, as: "ada", token: adaToken))
        #expect(try ada.append(fact, as: "ada", token: adaToken) == false)   // the same fact again: kept once
    }

    @Test func onlyProgressFactsGetIn() throws {
        let room = try TestClass()
        let ada = try ClassAttendee(joinURL: room.invitation.join)
        let token = try ada.join(as: "ada")
        let session = try room.attendeeSession()
        let wrongType = sqlState {
            try session.run("SELECT class_append('ada', \(token), 'ada/x', \(UUID()), 'DropTables', '\\x7b7d'::bytea, now())", during: "a foreign type")
        }
        #expect(wrongType == "WSC05")
        let huge = Data(repeating: 0x20, count: ClassSchema.maximumFactBytes + 1)
        let tooBig = sqlState {
            try session.run("SELECT class_append('ada', \(token), 'ada/x', \(UUID()), 'CheckRan', \(ByteBuffer(data: huge)), now())", during: "a huge fact")
        }
        #expect(tooBig == "WSC05")
    }

    @Test func theBoardReadsTheLogButCannotAppendOrJoin() throws {
        let room = try TestClass()
        let board = try room.boardSession()
        #expect(sqlState { try board.run("SELECT count(*) FROM events", during: "reading") } == nil)
        #expect(sqlState { try board.run("SELECT class_join('eve')", during: "joining") } == "42501")
        #expect(sqlState { try board.run("SELECT * FROM attendees", during: "reading tokens") } == "42501")
        #expect(sqlState { try board.run("DELETE FROM events", during: "deleting") } == "42501")
    }

    @Test func aWrongPasswordIsOneSentenceWithoutThePassword() throws {
        let room = try TestClass()
        var url = try PostgresStoreURL(room.invitation.join)
        let secret = "wrong-\(UUID().uuidString)"
        url.password = secret
        do {
            _ = try ClassAttendee(joinURL: url.withPassword)
            Issue.record("a wrong password was accepted")
        } catch let error as ClassError {
            #expect(error.kind == .refused)
            #expect(!error.description.contains(secret))
            #expect(!error.description.contains(try #require(PostgresStoreURL(room.invitation.join).password)))
        }
    }

    @Test func aSecondClassWithTheSameNameIsRefusedInOneSentence() throws {
        let room = try TestClass()
        let database = try room.server.createDatabase()
        #expect(throws: ClassError.self) { try ClassInvitation.create(adminURL: database, name: room.invitation.class) }
    }
}
#endif
