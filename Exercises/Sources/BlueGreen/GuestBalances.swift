import EventSourcing
import EventSourcingSQLite
import Foundation
import GRDB

/// Each stay's balance (payments minus charges), as a table in the store's SQLite file.
///
/// v1 was written before payments were renamed `PaymentReceived` and only counts
/// `PaymentRecorded`: every stay paid after the rename looks like it owes money. v2 is the
/// corrected read model. It cannot be fixed in place: its rows must be rebuilt from every
/// event since position 0, into a table of its own.
///
/// A simplification, said plainly: both versions read the stored JSON by stored type name,
/// which is exactly what the public-events exercise warns against (v1's bug *is* that leak:
/// it knows one name of a payment). v2 lists both names and decodes only `stayId` and
/// `amount`, to keep a rebuild over a million events fast in a debug build. A production
/// projection reads through the stay's codec (the archiving exercise's `StayEvent.codec`
/// does), so a rename or an upcaster reaches it without a new list of names.
public enum GuestBalances {
    public static let v1 = "guest_balances_v1"
    public static let v2 = "guest_balances_v2"

    private static let decoder = JSONDecoder()

    /// What the read model needs of an event: the stay, and the amount of a charge or payment.
    struct Amount: Decodable, Sendable {
        let stayId: String
        let amount: Int?
    }

    /// The read model `table`, fed by `paymentTypes` as payments.
    public static func projection(_ table: String, store: SQLiteEventStore, paymentTypes: Set<String>) throws -> SQLiteProjection<RecordedEvent> {
        try SQLiteProjection(
            name: table, store: store, handles: paymentTypes.union(["GuestCheckedIn", "ChargeRecorded"]),
            setUp: { db in
                try db.execute(sql: "CREATE TABLE IF NOT EXISTS \(table) (stay_id TEXT PRIMARY KEY, balance INTEGER NOT NULL)")
            },
            // Statements are compiled once and cached by the connection: a rebuild runs them
            // a million times.
            apply: { db, event in
                let amount = try decoder.decode(Amount.self, from: event.data)
                switch event.eventType {
                case "GuestCheckedIn":
                    try db.cachedStatement(sql: "INSERT OR IGNORE INTO \(table) (stay_id, balance) VALUES (?, 0)").execute(arguments: [amount.stayId])
                case "ChargeRecorded":
                    try db.cachedStatement(sql: "UPDATE \(table) SET balance = balance - ? WHERE stay_id = ?").execute(arguments: [amount.amount ?? 0, amount.stayId])
                default:
                    try db.cachedStatement(sql: "UPDATE \(table) SET balance = balance + ? WHERE stay_id = ?").execute(arguments: [amount.amount ?? 0, amount.stayId])
                }
            },
            reset: { db in try db.execute(sql: "DELETE FROM \(table)") })
    }

    /// v1: only the old payment name.
    public static func version1(_ store: SQLiteEventStore) throws -> SQLiteProjection<RecordedEvent> {
        try projection(v1, store: store, paymentTypes: ["PaymentRecorded"])
    }

    /// v2: both names of a payment.
    public static func version2(_ store: SQLiteEventStore) throws -> SQLiteProjection<RecordedEvent> {
        try projection(v2, store: store, paymentTypes: ["PaymentRecorded", "PaymentReceived"])
    }

    /// One stay's balance in `table`.
    public static func balance(of stayID: String, in table: String, _ store: SQLiteEventStore) throws -> Int? {
        try store.read { db in try Int.fetchOne(db, sql: "SELECT balance FROM \(table) WHERE stay_id = ?", arguments: [stayID]) }
    }

    /// Every balance in `table`, by stay.
    public static func all(in table: String, _ store: SQLiteEventStore) throws -> [String: Int] {
        try store.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT stay_id, balance FROM \(table)").map {
                (($0["stay_id"] as String?) ?? "", ($0["balance"] as Int?) ?? 0)
            })
        }
    }
}
