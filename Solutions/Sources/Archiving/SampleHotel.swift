import EventSourcing
import EventSourcingSQLite
import Foundation

/// A small seeded hotel history for archiving: stays checking in, charged, paying and checking
/// out over a number of days, with a fixed start date, so the same seed gives the same events.
///
/// `workshop seed` writes the full-size history (a million events) into the sample store; the
/// checks use this small one so they run in a second.
public struct SampleHotel {
    /// Midnight UTC of the history's first day.
    public let start: Date
    private var random: UInt64
    private var stayNumber = 0
    private var number: Int64 = 0
    /// What each open stay has been charged, to settle at checkout.
    private var owed: [String: Int] = [:]
    /// Stays not checked out yet, in check-in order.
    public private(set) var open: [String] = []
    /// When each closed stay checked out.
    public private(set) var checkedOut: [String: Date] = [:]
    /// Every stay's events as written, for checks that compare against the originals.
    public private(set) var written: [String: [StayEvent]] = [:]

    public init(seed: UInt64, start: Date) {
        random = seed
        self.start = start
    }

    /// The date `days` after the start, at `hour` UTC.
    public func day(_ days: Int, hour: Int = 0) -> Date {
        start.addingTimeInterval(Double(days) * 86_400 + Double(hour) * 3_600)
    }

    /// SplitMix64: the same seed, the same history.
    private mutating func next(_ bound: Int) -> Int {
        random &+= 0x9E37_79B9_7F4A_7C15
        var z = random
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Int(z.multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// Simulates the days `from..<to`: each day a few stays check in, open stays are charged and
    /// pay, and some check out after paying what they owe. One day's events are written in one
    /// multi-stream batch, the way an import or a replica would write them.
    public mutating func simulate(days: Range<Int>, into store: SQLiteEventStore) throws {
        for day in days {
            var batch: [(String, StayEvent)] = []
            for _ in 0..<(1 + next(2)) {
                stayNumber += 1
                let stay = "s-\(stayNumber)"
                open.append(stay)
                batch.append((stay, .guestCheckedIn(GuestCheckedIn(
                    stayID: stay, guestID: "g-\(next(300))", roomNumber: "\(100 + next(200))", at: self.day(day, hour: 15)))))
            }
            for stay in open where next(2) == 0 {
                number += 1
                let amount = 20 + next(180)
                owed[stay, default: 0] += amount
                batch.append((stay, .chargeRecorded(ChargeRecorded(
                    stayID: stay, chargeID: "c-\(number)", amount: amount, at: self.day(day, hour: 20)))))
            }
            // A stay stays at least one night; the first stay is a long-term guest who never leaves.
            let leaving = open.filter { stay in
                stay != "s-1" && !batch.contains { $0.0 == stay } && next(3) == 0
            }
            for stay in leaving {
                number += 1
                // Most guests settle at checkout; one in five leaves half unpaid (for Finance).
                let due = owed[stay, default: 0]
                let amount = next(5) == 0 ? due / 2 : due
                if amount > 0 {
                    batch.append((stay, .paymentReceived(PaymentReceived(
                        stayID: stay, paymentID: "p-\(number)", amount: amount, at: self.day(day, hour: 10)))))
                }
                let at = self.day(day, hour: 11)
                batch.append((stay, .guestCheckedOut(GuestCheckedOut(stayID: stay, at: at))))
                checkedOut[stay] = at
            }
            open.removeAll { checkedOut[$0] != nil }
            try write(batch, to: store)
        }
    }

    /// Appends events for one stay outside the simulation (a check's hand-made case).
    public mutating func write(_ stay: String, _ events: [StayEvent], to store: SQLiteEventStore) throws {
        for event in events {
            if case .guestCheckedIn = event { open.append(stay) }
            if case .guestCheckedOut(let out) = event {
                checkedOut[stay] = out.at
                open.removeAll { $0 == stay }
            }
        }
        try write(events.map { (stay, $0) }, to: store)
    }

    private mutating func write(_ events: [(String, StayEvent)], to store: SQLiteEventStore) throws {
        var appends: [(streamID: String, expected: ExpectedVersion, events: [EventData])] = []
        for (stay, event) in events {
            number += 1
            written[stay, default: []].append(event)
            let data = try StayEvent.codec.encode(
                event, eventID: UUID(uuidString: String(format: "00000000-0000-4000-a000-%012lld", number)) ?? UUID(),
                metadata: EventMetadata(correlationID: "stay-\(stay)", causationID: "desk-\(number)"))
            appends.append((streamID: StayEvent.streamID(stayID: stay), expected: .any, events: [data]))
        }
        try store.appendBatch(appends)
    }
}
