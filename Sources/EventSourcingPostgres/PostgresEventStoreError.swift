import Foundation
#if Postgres
import PostgresNIO
#endif

/// A problem with the PostgreSQL server or the database, as one sentence that says what to do.
///
/// Concurrency conflicts and repeated event ids keep their own types from EventSourcing
/// (`WrongExpectedVersion`, `DuplicateEventIDs`); this type covers what only a server can run
/// into. Messages name the server without its password.
public struct PostgresEventStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case badURL
        case unreachable
        case connectTimedOut
        case wrongPassword
        case unknownDatabase
        case notOurTables
        case connectionLost
        case calledOnEventLoop
        case notBuiltWithPostgres
        case server
    }

    public let kind: Kind
    public let description: String

    init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }

    static func badURL(_ url: String, reason: String) -> Self {
        Self(.badURL, "The store URL '\(url)' cannot be used: \(reason). Write it as postgres://user:password@host:5432/database.")
    }

    static func connectTimedOut(target: String, seconds: Int) -> Self {
        Self(.connectTimedOut, "No answer from the PostgreSQL server at \(target) within \(seconds) s: check the host and port, and that a firewall lets you through.")
    }

    static let calledOnEventLoop = Self(
        .calledOnEventLoop,
        "The PostgreSQL event store was called on one of the driver's own event-loop threads, where waiting for the server would deadlock: call it from any other thread or task.")

    static func notOurTables(target: String, table: String) -> Self {
        Self(.notOurTables, "The database \(target) already has a table '\(table)' that this event store did not create (it has no event_store_migrations table): use another database, or add ?schema=NAME to the URL to keep the store's tables apart.")
    }

    /// The connection broke while a change was in flight: whether it committed is unknown.
    static func connectionLost(target: String, during operation: String) -> Self {
        Self(.connectionLost, "The connection to the PostgreSQL server at \(target) was lost during \(operation); it may or may not have been written. Retry with the same event ids: a repeated append never writes twice.")
    }

    #if Postgres
    /// A failed connect, in the words of what went wrong.
    static func connecting(_ error: any Error, target: String, timeoutSeconds: Int) -> Self {
        if let error = error as? Self {
            return error.kind == .connectTimedOut ? connectTimedOut(target: target, seconds: timeoutSeconds) : error
        }
        if let error = error as? PSQLError {
            switch error.serverInfo?[.sqlState] {
            case "28P01":
                return Self(.wrongPassword, "The PostgreSQL server at \(target) refused the password: check the user and password in the store URL.")
            case "28000":
                return Self(.wrongPassword, "The PostgreSQL server at \(target) does not let this user in (pg_hba.conf): check the user in the store URL, or ask the server's administrator to allow it.")
            case "57P03":
                return Self(.unreachable, "The PostgreSQL server at \(target) is starting up or shutting down and takes no connections yet: try again in a moment.")
            case "3D000":
                return Self(.unknownDatabase, "The PostgreSQL server at \(target) has no such database: create it (createdb NAME, or CREATE DATABASE NAME) or fix the name in the store URL.")
            default:
                break
            }
            if error.code == .authMechanismRequiresPassword {
                return Self(.wrongPassword, "The PostgreSQL server at \(target) asks for a password: put it in the store URL (postgres://user:PASSWORD@host/database).")
            }
            if let message = error.serverInfo?[.message] {
                return Self(.server, "The PostgreSQL server at \(target) refused the connection: \(message).")
            }
        }
        return Self(.unreachable, "Cannot reach a PostgreSQL server at \(target) (\(reason(error))): check that it is running and that the host and port are right.")
    }

    /// An error from a statement, as a sentence; connection losses say the outcome is unknown.
    static func translating(_ error: any Error, target: String, during operation: String) -> any Error {
        guard let psql = error as? PSQLError else { return error }
        switch psql.code {
        case .serverClosedConnection, .connectionError, .uncleanShutdown, .clientClosedConnection:
            return connectionLost(target: target, during: operation)
        case .server:
            let message = psql.serverInfo?[.message] ?? "an error"
            let state = psql.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            return Self(.server, "The PostgreSQL server at \(target) refused \(operation): \(message)\(state). Nothing of it was written.")
        default:
            return Self(.server, "Talking to the PostgreSQL server at \(target) failed during \(operation): \(reason(error)).")
        }
    }

    private static func reason(_ error: any Error) -> String {
        if let psql = error as? PSQLError, let underlying = psql.underlying {
            return "\(underlying)"
        }
        if let psql = error as? PSQLError { return "\(psql.code)" }
        return "\(error)"
    }
    #endif
}
