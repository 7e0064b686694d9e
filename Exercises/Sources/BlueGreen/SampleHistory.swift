import EventSourcing
import EventSourcingSQLite
import Foundation

/// A small seeded hotel history for the rebuild: stays with check-ins, charges and payments.
/// Halfway through, payments were renamed from `PaymentRecorded` to `PaymentReceived` (the
/// versioning stage), which is what the v1 read model missed.
///
/// `workshop seed` writes the full-size version of this history (a million events) into
/// `.workshop/sample.sqlite`; the checks use this small one so they run in a second.
public struct SampleHistory {
    private var random: UInt64
    private var stayNumber = 0
    public private(set) var open: [String] = []
    private var number: Int64 = 0

    public init(seed: UInt64) {
        random = seed
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

    /// Appends about `events` events: stays opening, charged, paying and leaving.
    public mutating func append(events: Int, to store: SQLiteEventStore, renamedPayments: Bool) throws {
        var written = 0
        while written < events {
            if open.count < 20 || next(4) == 0 {
                stayNumber += 1
                let stay = "s-\(stayNumber)"
                open.append(stay)
                written += try write(stay, "GuestCheckedIn", #"{"stayId":"\#(stay)","guestId":"g-\#(next(500))","roomNumber":"\#(100 + next(300))","at":0}"#, store)
                continue
            }
            let index = next(open.count)
            let stay = open[index]
            switch next(10) {
            case 0...5:
                written += try write(stay, "ChargeRecorded", #"{"stayId":"\#(stay)","chargeId":"c-\#(number)","amount":\#(10 + next(190)),"at":0}"#, store)
            case 6...8:
                let type = renamedPayments ? "PaymentReceived" : "PaymentRecorded"
                written += try write(stay, type, #"{"stayId":"\#(stay)","paymentId":"p-\#(number)","amount":\#(10 + next(190)),"at":0}"#, store)
            default:
                written += try write(stay, "GuestCheckedOut", #"{"stayId":"\#(stay)","at":0}"#, store)
                open.remove(at: index)
            }
        }
    }

    private mutating func write(_ stay: String, _ type: String, _ json: String, _ store: SQLiteEventStore) throws -> Int {
        number += 1
        try store.append(to: "guest_stay-\(stay)", events: [EventData(
            eventID: UUID(uuidString: String(format: "00000000-0000-4000-8000-%012lld", number)) ?? UUID(),
            eventType: type, data: Data(json.utf8),
            metadata: EventMetadata(correlationID: "stay-\(stay)", causationID: "desk-\(number)"))])
        return 1
    }
}
