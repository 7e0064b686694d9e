import EventSourcing
import EventSourcingSQLite
import Foundation
import GRDB

/// The benchmark's data: hotel-shaped events encoded once, before any timing starts, and the
/// projection both sides rebuild.
struct BenchFixture {
    struct ChargeRecorded: Codable, Sendable {
        let stayID: String
        let amount: Int
        let currency: String
        let description: String
        let nights: Int
    }

    enum BenchEvent: Sendable {
        case charged(ChargeRecorded)
    }

    static let codec: EventCodec<BenchEvent> = {
        var codec = EventCodec<BenchEvent>()
        codec.register(ChargeRecorded.self, as: "ChargeRecorded", version: 1, embed: BenchEvent.charged,
                       extract: { if case .charged(let charge) = $0 { charge } else { nil } })
        return codec
    }()

    /// One event appended with the stream's expected version (0: no stream yet).
    struct Single {
        let streamID: String
        let version: Int64
        let event: PreEncoded
    }

    /// An event with everything the baseline needs already as bytes and strings.
    struct PreEncoded {
        let data: EventData
        let eventID: String
        let metadata: String
    }

    /// For `append_single`: streams of 100 events, one append each.
    let singles: [Single]
    /// For `append_batch`: one new stream of 100 events per append.
    let batches: [(streamID: String, events: [PreEncoded])]

    var streamIDs: [String] {
        var seen = Set<String>()
        return singles.map(\.streamID).filter { seen.insert($0).inserted } + batches.map(\.streamID)
    }

    init(events: Int) {
        let run = UUID().uuidString.prefix(8)
        func event(stream: String, index: Int) -> PreEncoded {
            let charge = ChargeRecorded(stayID: stream, amount: 100 + index % 900, currency: "EUR",
                                        description: "Room night \(index % 100) incl. breakfast", nights: 1 + index % 3)
            let metadata = EventMetadata(correlationID: "checkin-\(stream)", causationID: "cmd-\(index)")
            // Encoding cannot fail for this type; an empty payload would fail the benchmark's checks.
            let data = (try? BenchFixture.codec.encode(.charged(charge), metadata: metadata))
                ?? EventData(eventType: "ChargeRecorded", data: Data(), metadata: metadata)
            return PreEncoded(data: data, eventID: data.eventID.uuidString, metadata: MetadataJSON.encode(metadata))
        }
        singles = (0..<events).map { index in
            let stream = "guest_stay-\(run)-s\(index / 100)"
            return Single(streamID: stream, version: Int64(index % 100), event: event(stream: stream, index: index))
        }
        batches = (0..<(events / 100)).map { batch in
            let stream = "guest_stay-\(run)-b\(batch)"
            return (stream, (0..<100).map { event(stream: stream, index: batch * 100 + $0) })
        }
    }

    /// Totals per stay: `bench_totals(stay, charges, total)`.
    static func totalsProjection(store: SQLiteEventStore) throws -> SQLiteProjection<EventEnvelope<BenchEvent>> {
        let codec = Self.codec
        let upsert = upsertTotal(into: "bench_totals")
        return try SQLiteProjection(
            name: "bench_totals", store: store, handles: codec.eventTypes,
            setUp: { db in try db.execute(sql: totalsTable(named: "bench_totals")) },
            decode: { try codec.decode($0) },
            apply: { db, envelope in
                guard case .charged(let charge) = envelope.event else { return }
                try db.cachedStatement(sql: upsert).execute(arguments: [envelope.streamID, charge.amount])
            },
            reset: { db in try db.execute(sql: "DELETE FROM bench_totals") })
    }

    static func totalsTable(named name: String) -> String {
        "CREATE TABLE IF NOT EXISTS \(name) (stay TEXT PRIMARY KEY NOT NULL, charges INTEGER NOT NULL, total INTEGER NOT NULL)"
    }

    static func upsertTotal(into name: String) -> String {
        """
        INSERT INTO \(name) (stay, charges, total) VALUES (?, 1, ?)
        ON CONFLICT (stay) DO UPDATE SET charges = charges + 1, total = total + excluded.total
        """
    }
}
