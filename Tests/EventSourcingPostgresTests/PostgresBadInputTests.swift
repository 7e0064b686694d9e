#if Postgres
import EventSourcing
import EventSourcingPostgres
import Foundation
import PostgresTestCluster
import Testing

extension PostgresTests {
/// Bad input gets one sentence that says what to do, quickly, and loses nothing.
@Suite struct PostgresBadInputTests {
    func openError(_ url: PostgresStoreURL) -> (error: PostgresEventStoreError?, seconds: Double) {
        let started = Date()
        do {
            _ = try PostgresEventStore(url: url)
            return (nil, Date().timeIntervalSince(started))
        } catch {
            return (error as? PostgresEventStoreError, Date().timeIntervalSince(started))
        }
    }

    @Test func aClosedPortIsRefusedAtOnceWithASentence() throws {
        let server = try PostgresTestCluster.shared()
        var url = try PostgresStoreURL(server.url)
        url.host = "127.0.0.1"
        url.port = 1  // nothing listens on port 1
        let (error, seconds) = openError(url)
        #expect(error?.kind == .unreachable)
        #expect(error?.description.contains("127.0.0.1:1") == true)
        #expect(seconds < 5)
    }

    @Test func anUnreachableHostGivesUpWithinTheConnectTimeout() throws {
        // 192.0.2.0/24 is reserved for documentation: nothing answers there.
        let url = PostgresStoreURL(user: "nobody", host: "192.0.2.1", port: 5432, database: "hotel")
        let started = Date()
        #expect(throws: PostgresEventStoreError.self) {
            _ = try PostgresEventStore(url: url, connectTimeout: .seconds(2))
        }
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test func aWrongPasswordSaysSoWithoutShowingThePassword() throws {
        let server = try PostgresTestCluster.shared()
        var url = try PostgresStoreURL(server.url)
        url.password = "not-the-password-42"
        let (error, _) = openError(url)
        #expect(error?.kind == .wrongPassword)
        #expect(error?.description.contains("not-the-password-42") == false)
    }

    @Test func anUnknownDatabaseSaysHowToCreateIt() throws {
        let server = try PostgresTestCluster.shared()
        var url = try PostgresStoreURL(server.url)
        url.database = "no_such_database_here"
        let (error, _) = openError(url)
        #expect(error?.kind == .unknownDatabase)
        #expect(error?.description.contains("CREATE DATABASE") == true)
    }

    @Test func aDatabaseWhoseEventsTableBelongsToAnotherApplicationIsLeftAlone() throws {
        let server = try PostgresTestCluster.shared()
        let database = try server.createDatabase()
        let url = try PostgresStoreURL(database)
        try server.psql("CREATE TABLE events (id serial PRIMARY KEY, what text); INSERT INTO events (what) VALUES ('theirs')",
                        database: url.database)
        let (error, _) = openError(url)
        #expect(error?.kind == .notOurTables)
        #expect(error?.description.contains("'events'") == true)
        #expect(try server.psql("SELECT what FROM events", database: url.database) == "theirs")
    }

    @Test(arguments: [
        ("mysql://u@h/db", "does not start with postgres://"),
        ("postgres://u@/db", "names no host"),
        ("postgres://h:5432/db", "names no user"),
        ("postgres://u:secret@h:5432", "names no database"),
        ("not a url at all", "does not start with postgres://"),
    ])
    func aURLThatDoesNotParseSaysWhatIsMissing(_ text: String, _ reason: String) {
        #expect {
            _ = try PostgresStoreURL(text)
        } throws: { error in
            let message = "\(error)"
            return message.contains(reason) && !message.contains("secret")
        }
    }

    @Test func streamIDsWithQuotesNewlinesAndSQLAreOrdinaryIDs() throws {
        let store = try PostgresTestDatabase.freshStore()
        let ids = ["'; DROP TABLE events; --", "a\"b", "line\nbreak", "tab\there", "back\\slash", "$1", "ü 🏨"]
        for id in ids {
            try store.append(to: id, expected: .noStream, events: [EventData(eventType: "E", data: Data(id.utf8))])
        }
        for id in ids {
            let read = try store.readStream(id)
            #expect(read.map(\.streamID) == [id])
            #expect(read.first?.data == Data(id.utf8))
        }
        #expect(try store.readAll(after: 0, limit: 100).count == ids.count)
    }
}
}
#endif
