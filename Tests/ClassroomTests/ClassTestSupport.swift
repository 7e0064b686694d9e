#if Postgres
@testable import Classroom
import EventSourcing
import EventSourcingPostgres
import EventSourcingSQLite
import Foundation
import PostgresNIO
import PostgresTestCluster
import WorkshopKit

/// A class on a throw-away server, with helpers to be its attendees and its board.
struct TestClass {
    let invitation: ClassInvitation
    let server: PostgresTestCluster

    /// A new class (unique name: roles are server-wide) in a new database of `server`.
    init(on server: PostgresTestCluster? = nil) throws {
        let server = try server ?? PostgresTestCluster.shared()
        self.server = server
        let database = try server.createDatabase()
        let name = "c" + UUID().uuidString.prefix(8).lowercased()
        invitation = try ClassInvitation.create(adminURL: database, name: name)
    }

    /// A plain SQL session with the attendee's credentials, as `psql` would open.
    func attendeeSession() throws -> ClassConnection {
        try ClassConnection(url: PostgresStoreURL(invitation.join), what: "the join URL")
    }

    func boardSession() throws -> ClassConnection {
        try ClassConnection(url: PostgresStoreURL(invitation.board), what: "the board URL")
    }
}

/// An attendee's project copy: a temporary `.workshop/` with a real SQLite progress store.
final class AttendeeCopy {
    let folder: URL
    let progress: WorkshopProgress
    var state: URL { folder.appending(path: ".workshop") }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appending(path: "class-copy-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder.appending(path: ".workshop"), withIntermediateDirectories: true)
        progress = WorkshopProgress(store: try SQLiteEventStore(path: folder.appending(path: ".workshop/progress.sqlite").path))
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Joins `testClass` as `name`, as `workshop class join` does.
    func join(_ testClass: TestClass, as name: String) throws {
        let attendee = try ClassAttendee(joinURL: testClass.invitation.join)
        let token = try attendee.join(as: name)
        try ClassMembership(class: attendee.className, name: name, url: testClass.invitation.join, token: token).save(in: state)
    }

    func relay() -> ClassRelay { ClassRelay(progress: progress.store, state: state, connectTimeout: 2) }

    func check(_ exercise: String, _ status: CheckStatus, failing: [String] = []) throws {
        try progress.record(.checkRan(CheckRan(exercise: exercise, status: status, failingChecks: failing)))
    }
}

/// The SQLSTATE of a refused statement, nil when it ran.
func sqlState(of body: () throws -> Void) -> String? {
    do {
        try body()
        return nil
    } catch let error as ClassError {
        // ClassConnection translates; the state is in the sentence for server errors.
        if let range = error.description.range(of: "SQLSTATE ") {
            return String(error.description[range.upperBound...].prefix(5))
        }
        return error.description
    } catch {
        return "\(error)"
    }
}
#endif

#if Postgres
extension ClassBoardFeed {
    /// Waits (through the store's subscription, no sleeping) until the class log shows at least
    /// `count` events: the log is read only below the oldest open transaction of the server, so
    /// a fact committed a moment ago may not be readable yet while other tests write.
    func waitForLog(count: Int) async throws {
        var seen = 0
        for try await _ in facts(after: 0) {
            seen += 1
            if seen >= count { return }
        }
    }
}
#endif
