#if Postgres
import EventSourcingPostgres
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// One connection to the class's server with a role's credentials, used synchronously (the
/// commands and the relay are sequential; the relay runs off the main thread).
///
/// Errors come out as `ClassError` sentences: the password is in `url` only, and no message
/// repeats it.
final class ClassConnection {
    let url: PostgresStoreURL
    private let connection: PostgresConnection
    static let logger = Logger(label: "workshop.classroom", factory: { _ in SwiftLogNoOpLogHandler() })

    /// - Parameter what: what the URL is, for messages ("the join URL").
    init(url: PostgresStoreURL, what: String, connectTimeout: Int64 = 5) throws {
        self.url = url
        var configuration: PostgresConnection.Configuration
        if let folder = url.socketFolder {
            configuration = .init(unixSocketPath: "\(folder)/.s.PGSQL.\(url.port)", username: url.user, password: url.password, database: url.database)
        } else {
            configuration = .init(host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: .disable)
        }
        configuration.options.connectTimeout = .seconds(connectTimeout)
        configuration.options.additionalStartupParameters = [("application_name", "workshop-class")]
        do {
            connection = try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: 1, logger: Self.logger
            ).wait()
        } catch {
            throw Self.translate(error, url: url, what: what)
        }
    }

    deinit {
        // The driver requires a connection closed before it is released: wait for it (a
        // ClassConnection is never released on an event loop, where waiting is not allowed).
        try? (connection.close() as EventLoopFuture<Void>).wait()
    }

    var isClosed: Bool { connection.isClosed }

    @discardableResult
    func run(_ query: PostgresQuery, during operation: String) throws -> [PostgresRow] {
        do {
            return try connection.query(query, logger: Self.logger).wait().rows
        } catch {
            throw Self.translate(error, url: url, what: operation)
        }
    }

    /// The sentence for a driver error. SQLSTATEs: 28P01/28000 authentication, 3D000 unknown
    /// database, 3F000 unknown schema, 42501 insufficient privilege, WSC0x the class's own.
    static func translate(_ error: any Error, url: PostgresStoreURL, what: String) -> ClassError {
        if let error = error as? ClassError { return error }
        let target = url.redacted
        guard let psql = error as? PSQLError else {
            return ClassError(.unreachable, "Cannot reach the class's server at \(url.host):\(url.port) (\(type(of: error))); your progress is kept and will be sent when it is reachable.")
        }
        let state = psql.serverInfo?[.sqlState] ?? ""
        let message = psql.serverInfo?[.message] ?? ""
        switch state {
        case "28P01", "28000":
            return ClassError(.refused, "The server refuses \(what) (\(target)): the URL is wrong or expired, or the class was dropped; ask the trainer for the current one.")
        case "3D000":
            return ClassError(.refused, "The database of \(what) does not exist (\(target)); the class was dropped or the URL is wrong.")
        case "3F000", "42883", "42P01":
            return ClassError(.refused, "The class of \(what) is not on the server any more (\(target)); it was dropped, ask the trainer.")
        case "WSC02":
            return ClassError(.name, "That name is already taken in this class; choose another with --name.")
        case "WSC01":
            return ClassError(.name, "The server refuses that name: 1 to 40 characters, no slash, no leading or trailing space.")
        case "WSC03":
            return ClassError(.refused, "The class does not know this attendee any more (unknown name or token); join again with `workshop class join`.")
        case "":
            if psql.code == .server {
                return ClassError(.server, "The class's server refused \(what): \(message)")
            }
            return ClassError(.unreachable, "Cannot reach the class's server at \(url.host):\(url.port) (connection refused, closed or timed out); your progress is kept and will be sent when it is reachable.")
        default:
            return ClassError(.server, "The class's server refused \(what): \(message) (SQLSTATE \(state)).")
        }
    }
}
#endif
