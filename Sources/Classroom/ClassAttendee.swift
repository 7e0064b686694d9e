#if Postgres
import EventSourcing
import EventSourcingPostgres
import Foundation
import PostgresNIO
import WorkshopKit

/// An attendee's side of a class: joining, and appending progress facts through the class's
/// functions (the only thing the attendee role may run).
public final class ClassAttendee {
    private let connection: ClassConnection
    public let className: String

    /// Connects with the join URL.
    ///
    /// - Throws: `ClassError`: the URL does not parse or is not a class's, the server is down,
    ///   the credentials are refused.
    public init(joinURL: String, connectTimeout: Int64 = 5) throws {
        let url: PostgresStoreURL
        do {
            url = try PostgresStoreURL(joinURL)
        } catch {
            throw ClassError(.input, "The join URL does not parse: \(error)")
        }
        guard let name = ClassName.fromRole(url.user), url.user.hasSuffix("_attendee") else {
            throw ClassError(.input, "That is not a class's join URL (its user should be class_NAME_attendee); ask the trainer for the join URL.")
        }
        className = name
        connection = try ClassConnection(url: url, what: "the join URL", connectTimeout: connectTimeout)
    }

    public var isClosed: Bool { connection.isClosed }

    /// Takes `name` in the class and returns the token that proves it from now on.
    public func join(as name: String) throws -> String {
        if let problem = AttendeeName.problem(with: name) { throw ClassError(.name, problem) }
        let rows = try connection.run("SELECT class_join(\(name))", during: "joining")
        guard let token = try rows.first?.decode(String.self) else {
            throw ClassError(.server, "The class's server answered the join with nothing.")
        }
        return token
    }

    /// Whether the server still knows `name` with `token`.
    public func isMember(_ name: String, token: String) throws -> Bool {
        try connection.run("SELECT class_whoami(\(name), \(token))", during: "checking the membership").first?.decode(Bool.self) ?? false
    }

    /// Appends one fact; true when it is new, false when the class had it already.
    @discardableResult
    public func append(_ fact: RelayedFact, as name: String, token: String) throws -> Bool {
        let rows = try connection.run("""
            SELECT class_append(\(name), \(token), \(fact.streamID(attendee: name)), \(fact.eventID), \(fact.eventType), \
            \(ByteBuffer(data: fact.data)), \(fact.at))
            """, during: "sending a progress fact")
        return try rows.first?.decode(String.self) == "appended"
    }
}

/// A local progress fact on its way to the class.
public struct RelayedFact: Sendable, Hashable {
    public var eventID: UUID
    /// The local stream (`exercise-{id}`).
    public var localStream: String
    public var eventType: String
    public var data: Data
    public var at: Date

    public func streamID(attendee: String) -> String { "\(attendee)/\(localStream)" }
}
#endif
