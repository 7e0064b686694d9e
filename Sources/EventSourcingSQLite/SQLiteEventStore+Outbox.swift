import EventSourcing
import Foundation
import GRDB

extension SQLiteEventStore {
    /// Counts a failed delivery of each pending message, in one transaction; delivered or
    /// unknown sequences are left alone.
    public func recordFailedDelivery(sequences: [Int64]) throws {
        guard !sequences.isEmpty else { return }
        do {
            try writeImmediately { db in
                let statement = try db.cachedStatement(sql: """
                    UPDATE outbox SET attempts = attempts + 1 WHERE sequence = ? AND delivered_at IS NULL
                    """)
                // Each sequence once: a batch that names a message twice failed it once.
                for sequence in Set(sequences) {
                    try statement.execute(arguments: [sequence])
                }
            }
        } catch {
            throw translated(error)
        }
    }
}
