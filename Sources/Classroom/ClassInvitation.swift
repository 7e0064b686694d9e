#if Postgres
import EventSourcingPostgres
import Foundation
import PostgresNIO

/// A class created on a server: its name, the attendees' join URL and the trainer's board URL.
///
/// Both URLs are plain PostgreSQL URLs carrying their role's password, so `psql` accepts them;
/// treat them as secrets (the join URL can be read from standard input to keep it out of
/// process lists).
public struct ClassInvitation: Codable, Sendable, Hashable {
    public var `class`: String
    public var join: String
    public var board: String

    /// Creates class `name` on the server of `adminURL` (a role allowed to create roles and
    /// tables): the schema with the event store's tables, the class's functions, the two roles
    /// and their grants, all or nothing.
    ///
    /// - Throws: `ClassError` with a sentence (bad URL or name, server unreachable, the class
    ///   exists already, the role may not create roles).
    public static func create(adminURL: String, name: String) throws -> ClassInvitation {
        if let problem = ClassName.problem(with: name) { throw ClassError(.input, problem) }
        var url: PostgresStoreURL
        do {
            url = try PostgresStoreURL(adminURL)
        } catch {
            throw ClassError(.input, "\(error)")
        }
        let schema = ClassName.schema(name)
        let attendee = ClassName.attendeeRole(name)
        let board = ClassName.boardRole(name)
        url.schema = schema
        let attendeePassword = randomSecret()
        let boardPassword = randomSecret()
        let store: PostgresEventStore
        do {
            store = try PostgresEventStore(url: url)
        } catch {
            throw ClassError(.unreachable, "\(error)")
        }
        defer { store.close() }
        try store.withConnection { connection in
            func run(_ query: PostgresQuery) throws {
                let result = Result { try connection.query(query, logger: ClassConnection.logger).wait() }
                if case .failure(let error) = result {
                    _ = try? connection.query("ROLLBACK", logger: ClassConnection.logger).wait()
                    let state = (error as? PSQLError)?.serverInfo?[.sqlState]
                    switch state {
                    case "42710", "42P07", "42723":
                        throw ClassError(.server, "A class named '\(name)' already exists on this server; choose another name with --name.")
                    case "42501":
                        throw ClassError(.server, "The role of \(url.redacted) may not create roles; use a role with CREATEROLE (or a superuser) for `class create`.")
                    default:
                        throw ClassConnection.translate(error, url: url, what: "creating class '\(name)'")
                    }
                }
            }
            try run("BEGIN")
            for statement in ClassSchema.objects(schema: schema) {
                try run(PostgresQuery(unsafeSQL: statement))
            }
            // The passwords reach the server as bound parameters only (see ClassSchema.security).
            try run("SELECT set_config('workshop.attendee_password', \(attendeePassword), true)")
            try run("SELECT set_config('workshop.board_password', \(boardPassword), true)")
            for statement in ClassSchema.security(schema: schema, attendee: attendee, board: board) {
                try run(PostgresQuery(unsafeSQL: statement))
            }
            try run("COMMIT")
        }
        func roleURL(_ role: String, _ password: String) -> String {
            var roleURL = url
            roleURL.schema = nil
            roleURL.user = role
            roleURL.password = password
            return roleURL.withPassword
        }
        return ClassInvitation(class: name, join: roleURL(attendee, attendeePassword), board: roleURL(board, boardPassword))
    }

    /// 128 random bits as hex: a password no one types.
    static func randomSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(generator.next() as UInt32, radix: 16).leftPadded(to: 8) }.joined()
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
#endif
