#if Postgres
import EventSourcingPostgres
import Foundation
import PostgresTestCluster
import Testing

/// Every PostgreSQL suite, one after another: the global log is read below the oldest
/// transaction still writing anywhere on the server, so one suite's open transactions (the gap
/// test holds them open on purpose) would hold back another's reads of its own appends.
@Suite(.serialized) struct PostgresTests {}

/// Fresh stores on the shared test server: each in a schema of its own, so tests run in
/// parallel on one database without seeing each other.
enum PostgresTestDatabase {
    /// A new, empty store in a new schema of the shared database.
    static func freshStore(clock: @escaping @Sendable () -> Date = { Date() }) throws -> PostgresEventStore {
        try PostgresEventStore(url: freshURL(), clock: clock)
    }

    /// The URL of a new, not yet created schema on the shared server.
    static func freshURL() throws -> PostgresStoreURL {
        let server = try PostgresTestCluster.shared()
        var url = try PostgresStoreURL(server.url)
        url.schema = "t_" + UUID().uuidString.prefix(13).lowercased().replacingOccurrences(of: "-", with: "")
        return url
    }
}
#endif
