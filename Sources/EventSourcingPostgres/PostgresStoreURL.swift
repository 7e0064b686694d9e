import Foundation

/// Where a PostgreSQL event store lives: `postgres://user[:password]@host[:port]/database`.
///
/// ```swift
/// let url = try PostgresStoreURL("postgres://workshop:secret@db.example.com:5432/hotel")
/// url.redacted   // "postgres://workshop@db.example.com:5432/hotel": safe to print
/// ```
///
/// Also understood: `postgresql://`; `?host=/run/postgresql` for a Unix socket folder (as libpq
/// reads it); `?schema=NAME` to keep the store's tables in a schema of their own. The password
/// never appears in `redacted`, `description` or any error.
public struct PostgresStoreURL: Sendable, Hashable, CustomStringConvertible {
    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    /// A folder holding the server's Unix socket, instead of TCP to `host`.
    public var socketFolder: String?
    /// The schema holding the store's tables; nil for the user's default (`public`).
    public var schema: String?

    public init(user: String, password: String? = nil, host: String = "127.0.0.1", port: Int = 5432, database: String,
                socketFolder: String? = nil, schema: String? = nil) {
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.database = database
        self.socketFolder = socketFolder
        self.schema = schema
    }

    /// Parses a URL.
    ///
    /// - Throws: `PostgresEventStoreError` naming what is missing, without repeating the
    ///   password.
    public init(_ string: String) throws {
        guard let components = URLComponents(string: string), let scheme = components.scheme?.lowercased(),
              scheme == "postgres" || scheme == "postgresql"
        else {
            throw PostgresEventStoreError.badURL(Self.redact(string), reason: "it does not start with postgres://")
        }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        let socketFolder = query["host"].flatMap { $0.hasPrefix("/") ? $0 : nil }
        let host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? (socketFolder == nil ? nil : "localhost")
        guard let host else {
            throw PostgresEventStoreError.badURL(Self.redact(string), reason: "it names no host (postgres://user@HOST:5432/database)")
        }
        guard let user = components.user, !user.isEmpty else {
            throw PostgresEventStoreError.badURL(Self.redact(string), reason: "it names no user (postgres://USER@host:5432/database)")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw PostgresEventStoreError.badURL(Self.redact(string), reason: "it names no database (postgres://user@host:5432/DATABASE)")
        }
        if let schema = query["schema"], !Self.isPlainIdentifier(schema) {
            throw PostgresEventStoreError.badURL(Self.redact(string), reason: "the schema must be lower-case letters, digits and _, starting with a letter")
        }
        self.init(user: user, password: components.password, host: host, port: components.port ?? 5432,
                  database: database, socketFolder: socketFolder, schema: query["schema"])
    }

    /// The URL without its password: what messages and logs show.
    public var redacted: String {
        var text = "postgres://\(user)@\(host):\(port)/\(database)"
        var query: [String] = []
        if let socketFolder { query.append("host=\(socketFolder)") }
        if let schema { query.append("schema=\(schema)") }
        if !query.isEmpty { text += "?" + query.joined(separator: "&") }
        return text
    }

    public var description: String { redacted }

    /// The whole URL, password included: for handing to a child process through its
    /// environment, never for printing.
    public var withPassword: String {
        var components = URLComponents()
        components.scheme = "postgres"
        components.user = user
        components.password = password
        components.host = host
        components.port = port
        components.path = "/" + database
        var query: [URLQueryItem] = []
        if let socketFolder { query.append(URLQueryItem(name: "host", value: socketFolder)) }
        if let schema { query.append(URLQueryItem(name: "schema", value: schema)) }
        if !query.isEmpty { components.queryItems = query }
        return components.string ?? redacted
    }

    /// A schema name the store may put into DDL: it is quoted too, but keeping names plain
    /// keeps them easy to type in psql.
    static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.unicodeScalars.count <= 63,
              ("a"..."z").contains(first) || first == "_"
        else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// A URL as typed, with any password replaced, for an error message about it.
    static func redact(_ string: String) -> String {
        guard let schemeEnd = string.range(of: "://"),
              let at = string.range(of: "@", range: schemeEnd.upperBound..<string.endIndex)
        else { return string }
        let credentials = string[schemeEnd.upperBound..<at.lowerBound]
        guard let colon = credentials.firstIndex(of: ":") else { return string }
        return String(string[..<colon]) + ":***" + String(string[at.lowerBound...])
    }
}
