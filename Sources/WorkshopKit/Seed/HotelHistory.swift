import EventSourcing
import Foundation

/// A deterministic year of a busy hotel, day by day: reservations, walk-ins, check-ins, nightly
/// charges, payments, failed and group checkouts, with correlation and causation ids on every
/// event and the schema changes a real system goes through during a year.
///
/// ```swift
/// var history = HotelHistory(seed: 2026, targetEvents: 10_000)
/// while let day = history.nextDay() { for segment in day { try store.append(...) } }
/// ```
///
/// The same seed and target always give the same events, ids and times. The history has about
/// `targetEvents` events spread over a year; `nextDay()` keeps going after the year until the
/// caller stops asking, so a seeder can cut it at exactly the number it wants.
///
/// Schema versions, as deployed during the year (see the versioning stage):
/// - `GuestCheckedIn` v1 (`guestId`) until day 120, then v2 (`guest: {id, name}`);
/// - `ChargeRecorded` without `currency` until day 60, with it afterwards;
/// - `PaymentRecorded` until day 200, then renamed `PaymentReceived`.
public struct HotelHistory: Sendable {
    /// Days at which each schema change was deployed.
    public enum Deployments {
        public static let chargeCurrency = 60
        public static let guestCheckedInV2 = 120
        public static let paymentReceived = 200
    }

    /// 2025-01-01T00:00:00Z, the first simulated day.
    public static let firstDay = Date(timeIntervalSince1970: 1_735_689_600)

    private struct Plan: Sendable {
        let stayID: String
        let guestID: String
        let guestName: String
        let roomType: RoomType
        let roomNumber: String
        let nights: Int
        let reservationID: String?
        let correlationID: String
        let cancelled: Bool
    }

    private struct OpenStay: Sendable {
        let plan: Plan
        var balance: Int
        var chargeNumber: Int
    }

    private enum RoomType: String, CaseIterable, Sendable {
        case single, double, suite

        var rate: Int {
            switch self {
            case .single: 90
            case .double: 130
            case .suite: 260
            }
        }
    }

    private static let names = ["Ana", "Ben", "Chloe", "Dmitri", "Emma", "Farid", "Grace", "Hiro", "Ines", "Jonas",
                                "Kofi", "Lena", "Mateo", "Nora", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tara"]

    private var random: SplitMix64
    private var day = 0
    private var stayNumber = 0
    private var reservationNumber = 0
    private var groupNumber = 0
    private let staysPerDay: Int
    private let guests: Int
    private var arrivals: [Int: [Plan]] = [:]
    private var departures: [Int: [OpenStay]] = [:]

    /// - Parameters:
    ///   - seed: the random seed; the same seed gives the same history.
    ///   - targetEvents: about how many events the first year should hold (a stay and its
    ///     reservation make about 10.5 events).
    public init(seed: UInt64, targetEvents: Int) {
        random = SplitMix64(seed: seed)
        staysPerDay = max(1, Int((Double(targetEvents) / 365 / 10.5).rounded()))
        guests = max(10, staysPerDay * 120)
    }

    /// The simulated day that `nextDay()` will produce next (0 is 2025-01-01).
    public var currentDay: Int { day }

    /// The appends of the next simulated day, in time order.
    public mutating func nextDay() -> [HistorySegment] {
        defer { day += 1 }
        var segments: [HistorySegment] = []
        book(into: &segments)
        depart(into: &segments)
        arrive(into: &segments)
        return segments
    }

    // MARK: The day's work

    /// Morning: new bookings for the coming two months, and today's walk-ins.
    private mutating func book(into segments: inout [HistorySegment]) {
        let count = random.int(in: (staysPerDay * 8 / 10)...(staysPerDay * 12 / 10 + 1))
        for index in 0..<count {
            stayNumber += 1
            let guest = random.int(in: 0...(guests - 1))
            let type = RoomType.allCases[random.int(in: 0...2)]
            let stayID = "s-\(stayNumber)"
            let lead = random.chance(0.1) ? 0 : random.int(in: 1...60)
            let nights = random.chance(0.6) ? random.int(in: 1...3) : random.int(in: 4...10)
            var reservationID: String?
            var correlationID = "walk-in-\(stayID)"
            if lead > 0 {
                reservationNumber += 1
                reservationID = "r-\(reservationNumber)"
                correlationID = "booking-r-\(reservationNumber)"
            }
            // Drawn here, floor then door, as the room number's text used to draw them: the order
            // of the draws is the history.
            let floor = random.int(in: 1...9), door = random.int(in: 1...40)
            let plan = Plan(
                stayID: stayID, guestID: "g-\(guest)", guestName: Self.names[guest % Self.names.count],
                roomType: type, roomNumber: "\(floor)" + (door < 10 ? "0\(door)" : "\(door)"),
                nights: nights, reservationID: reservationID, correlationID: correlationID,
                cancelled: lead > 0 && random.chance(0.05))
            arrivals[day + lead, default: []].append(plan)
            guard let reservationID else { continue }
            let at = time(hour: 8, minute: index % 60)
            let command = messageID()
            let arrival = dateString(day + lead)
            let reserved = event("RoomReserved", json: """
                {"reservationId":"\(reservationID)","guestId":"\(plan.guestID)","roomType":"\(type.rawValue)",\
                "arrival":"\(arrival)","nights":\(nights),"at":\(reference(at))}
                """, correlation: correlationID, causation: command)
            let held = event("RoomTypeReserved", json: """
                {"roomType":"\(type.rawValue)","date":"\(arrival)","reservationId":"\(reservationID)","at":\(reference(at))}
                """, correlation: correlationID, causation: command)
            segments.append(HistorySegment(streamID: "room_availability-\(type.rawValue)-\(arrival)", at: at, events: [held]))
            segments.append(HistorySegment(streamID: "reservation-\(reservationID)", at: at, events: [reserved]))
        }
    }

    /// Late morning: stays ending today are charged, paid and checked out; a few leave as a
    /// group, checked out together by a group checkout.
    private mutating func depart(into segments: inout [HistorySegment]) {
        var leaving = departures.removeValue(forKey: day) ?? []
        var index = 0
        while index < leaving.count {
            let groupSize = random.chance(0.04) ? min(random.int(in: 2...5), leaving.count - index) : 1
            let at = time(hour: 10, minute: index % 60)
            if groupSize == 1 {
                segments.append(checkOut(&leaving[index], at: at, group: nil))
            } else {
                groupNumber += 1
                let groupID = "gc-\(groupNumber)"
                let correlation = "group-checkout-\(groupID)"
                let stays = leaving[index..<(index + groupSize)].map(\.plan.stayID)
                let initiated = event("GroupCheckoutInitiated", json: """
                    {"groupCheckoutId":"\(groupID)","clerkId":"clerk-\(random.int(in: 1...12))",\
                    "stayIds":[\(stays.map { "\"\($0)\"" }.joined(separator: ","))],"at":\(reference(at))}
                    """, correlation: correlation, causation: messageID())
                segments.append(HistorySegment(streamID: "group_checkout-\(groupID)", at: at, events: [initiated]))
                var last = initiated.eventID
                for offset in index..<(index + groupSize) {
                    let segment = checkOut(&leaving[offset], at: at,
                                           group: (correlation, HistoryText.uuid(initiated.eventID)))
                    last = segment.events.last?.eventID ?? last
                    segments.append(segment)
                }
                let completed = event("GroupCheckoutCompleted", json: """
                    {"groupCheckoutId":"\(groupID)","completedCheckouts":[\(stays.map { "\"\($0)\"" }.joined(separator: ","))],\
                    "at":\(reference(at.addingTimeInterval(60)))}
                    """, correlation: correlation, causation: HistoryText.uuid(last))
                segments.append(HistorySegment(streamID: "group_checkout-\(groupID)", at: at.addingTimeInterval(60),
                                               events: [completed]))
            }
            index += groupSize
        }
    }

    /// Afternoon: today's arrivals check in (and pay for the first night's room), or their
    /// reservation is cancelled.
    private mutating func arrive(into segments: inout [HistorySegment]) {
        for (index, plan) in (arrivals.removeValue(forKey: day) ?? []).enumerated() {
            let at = time(hour: 15, minute: index % 60)
            if plan.cancelled, let reservationID = plan.reservationID {
                let cancelled = event("ReservationCancelled", json: """
                    {"reservationId":"\(reservationID)","at":\(reference(at))}
                    """, correlation: plan.correlationID, causation: messageID())
                segments.append(HistorySegment(streamID: "reservation-\(reservationID)", at: at, events: [cancelled]))
                continue
            }
            let checkIn = messageID()
            let checkedIn = day < Deployments.guestCheckedInV2
                ? event("GuestCheckedIn", json: """
                    {"stayId":"\(plan.stayID)","guestId":"\(plan.guestID)","roomNumber":"\(plan.roomNumber)","at":\(reference(at))}
                    """, correlation: plan.correlationID, causation: checkIn)
                : event("GuestCheckedIn", version: 2, json: """
                    {"stayId":"\(plan.stayID)","guest":{"id":"\(plan.guestID)","name":"\(plan.guestName)"},\
                    "roomNumber":"\(plan.roomNumber)","at":\(reference(at))}
                    """, correlation: plan.correlationID, causation: checkIn)
            var stay = OpenStay(plan: plan, balance: 0, chargeNumber: 0)
            let firstNight = charge(&stay, amount: plan.roomType.rate, at: at, causation: HistoryText.uuid(checkedIn.eventID))
            segments.append(HistorySegment(streamID: "guest_stay-\(plan.stayID)", at: at, events: [checkedIn, firstNight]))
            departures[day + plan.nights, default: []].append(stay)
        }
    }

    /// The departure's append: the remaining nights and extras, payments, and the checkout
    /// (after a failed attempt, for one stay in eight).
    private mutating func checkOut(_ stay: inout OpenStay, at: Date, group: (correlation: String, causation: String)?) -> HistorySegment {
        let plan = stay.plan
        var events: [EventData] = []
        let arrivalDay = day - plan.nights
        for night in 0..<plan.nights {
            let nightAt = Self.firstDay.addingTimeInterval(Double((arrivalDay + night) * 86_400 + 23 * 3_600))
            if night > 0 {
                events.append(charge(&stay, amount: plan.roomType.rate, at: nightAt, causation: "night-audit-\(dateString(arrivalDay + night))"))
            }
            if random.chance(0.35) {
                let extra = [random.int(in: 5...40), random.int(in: 20...120), random.int(in: 60...150)][random.int(in: 0...2)]
                events.append(charge(&stay, amount: extra, at: nightAt.addingTimeInterval(-3_600), causation: messageID()))
            }
        }
        let correlation = group?.correlation ?? plan.correlationID
        let checkoutCommand = group?.causation ?? messageID()
        if random.chance(0.12) {
            events.append(event("GuestCheckoutFailed", json: """
                {"stayId":"\(plan.stayID)","reason":"balanceNotSettled","at":\(reference(at))}
                """, correlation: correlation, causation: checkoutCommand))
        }
        let owed = -stay.balance
        let parts = owed > 100 && random.chance(0.2) ? [owed / 2, owed - owed / 2] : [owed]
        for (number, amount) in parts.enumerated() where amount > 0 {
            let name = day < Deployments.paymentReceived ? "PaymentRecorded" : "PaymentReceived"
            events.append(event(name, json: """
                {"stayId":"\(plan.stayID)","paymentId":"p-\(plan.stayID)-\(number + 1)","amount":\(amount),"at":\(reference(at))}
                """, correlation: correlation, causation: messageID()))
            stay.balance += amount
        }
        events.append(event("GuestCheckedOut", json: """
            {"stayId":"\(plan.stayID)","at":\(reference(at))}
            """, correlation: correlation, causation: checkoutCommand))
        return HistorySegment(streamID: "guest_stay-\(plan.stayID)", at: at, events: events)
    }

    private mutating func charge(_ stay: inout OpenStay, amount: Int, at: Date, causation: String) -> EventData {
        stay.chargeNumber += 1
        stay.balance -= amount
        let chargeID = "c-\(stay.plan.stayID)-\(stay.chargeNumber)"
        let currency = day < Deployments.chargeCurrency ? "" : #","currency":"\#(random.chance(0.9) ? "EUR" : "USD")""#
        return event("ChargeRecorded", json: """
            {"stayId":"\(stay.plan.stayID)","chargeId":"\(chargeID)","amount":\(amount)\(currency),"at":\(reference(at))}
            """, correlation: stay.plan.correlationID, causation: causation)
    }

    // MARK: Building blocks

    private mutating func event(_ type: String, version: Int = 1, json: String, correlation: String, causation: String) -> EventData {
        EventData(eventID: random.uuid(), eventType: type, schemaVersion: version, data: Data(json.utf8),
                  metadata: EventMetadata(correlationID: correlation, causationID: causation))
    }

    private mutating func messageID() -> String {
        HistoryText.uuid(random.uuid(), prefix: "msg-", lowercase: true)
    }

    private func time(hour: Int, minute: Int) -> Date {
        Self.firstDay.addingTimeInterval(Double(day * 86_400 + hour * 3_600 + minute * 60))
    }

    /// A date as a JSON string, the way `EventCodec` stores dates (ISO 8601).
    private func reference(_ date: Date) -> String {
        HistoryText.quotedISO8601(date)
    }

    /// The simulated day's date, `2025-03-14`.
    private func dateString(_ day: Int) -> String {
        HistoryText.date(daysSince1970: Int(Self.firstDay.timeIntervalSince1970) / 86_400 + day)
    }
}
