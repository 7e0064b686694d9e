import EventSourcing
import Foundation
import Testing

/// Event ids grow with time, so a store's unique index on them is written at its end.
@Suite struct TimeOrderedUUIDTests {
    @Test func idsMadeLaterSortAfterEarlierOnesAsStoredText() {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let ids = (0..<1_000).map { UUID.timeOrdered(now: start.addingTimeInterval(Double($0) * 0.0005)) }
        let texts = ids.map(\.uuidString)
        #expect(texts == texts.sorted())
        #expect(Set(ids).count == ids.count)
    }

    @Test func idsCarryVersion7AndTheRFCVariant() {
        let id = UUID.timeOrdered(now: Date(timeIntervalSince1970: 1_800_000_000.25))
        #expect(id.uuid.6 >> 4 == 7)
        #expect(id.uuid.8 >> 6 == 0b10)
        // The first 48 bits are the milliseconds since 1970.
        let milliseconds = [id.uuid.0, id.uuid.1, id.uuid.2, id.uuid.3, id.uuid.4, id.uuid.5].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        #expect(milliseconds == 1_800_000_000_250)
    }

    @Test func newEventsGetTimeOrderedIdsByDefault() {
        let first = EventData(eventType: "A", data: Data())
        let second = EventData(eventType: "B", data: Data())
        #expect(first.eventID.uuid.6 >> 4 == 7)
        #expect(first.eventID.uuidString < second.eventID.uuidString || first.eventID.uuidString.prefix(12) == second.eventID.uuidString.prefix(12))
    }
}
