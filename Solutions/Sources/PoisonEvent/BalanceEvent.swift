import EventSourcing
import Foundation

/// What the balances projection needs of a stay's events: which stay, and the amount of a charge
/// or a payment.
public enum BalanceEvent: Sendable, Equatable {
    case checkedIn(stayID: String)
    case charged(stayID: String, amount: Int)
    case paid(stayID: String, amount: Int)
    /// Any other event of the log: the projection has nothing to do with it.
    case other

    /// How the projection reads a stored event. A value, so a fix can be deployed by swapping it.
    public typealias Decode = @Sendable (RecordedEvent) throws -> BalanceEvent

    /// Today's reader: amounts are whole numbers.
    public static let decode: Decode = { recorded in
        try read(recorded) { json in json.intValue.map(Int.init) }
    }

    /// The hot-fix shipped after the incident. Release 2.3.1 of the front desk wrote some
    /// amounts as strings ("120"); they are stored, so they stay that way, and the reader learns
    /// to read them. (An upcaster in the stay's codec would be the tidy home for this.)
    public static let decodeAfterFix: Decode = { recorded in
        try read(recorded) { json in json.intValue.map(Int.init) ?? json.stringValue.flatMap { Int($0) } }
    }

    private static func read(_ recorded: RecordedEvent, amount readAmount: (JSONValue) -> Int?) throws -> BalanceEvent {
        // Only the events the balances need are read at all: a group's or an archive's events
        // are none of this projection's business, whatever their shape.
        guard ["GuestCheckedIn", "ChargeRecorded", "PaymentRecorded", "PaymentReceived"].contains(recorded.eventType) else { return .other }
        let json: JSONValue
        do {
            json = try JSONValue(data: recorded.data)
        } catch {
            throw UnreadableEvent(recorded, "its data is not JSON")
        }
        guard let stayID = json["stayId"]?.stringValue else { throw UnreadableEvent(recorded, "it names no stayId") }
        func amount() throws -> Int {
            guard let value = json["amount"] else { throw UnreadableEvent(recorded, "it has no amount") }
            guard let amount = readAmount(value) else { throw UnreadableEvent(recorded, "its amount is \(String(decoding: (try? value.encoded()) ?? Data(), as: UTF8.self)), not a whole number") }
            return amount
        }
        switch recorded.eventType {
        case "GuestCheckedIn": return .checkedIn(stayID: stayID)
        case "ChargeRecorded": return .charged(stayID: stayID, amount: try amount())
        default: return .paid(stayID: stayID, amount: try amount())
        }
    }

    /// Each stay's balance (payments minus charges) after one more event.
    public static func apply(_ event: BalanceEvent, to balances: inout [String: Int]) {
        switch event {
        case .checkedIn(let stayID): balances[stayID] = balances[stayID] ?? 0
        case .charged(let stayID, let amount): balances[stayID, default: 0] -= amount
        case .paid(let stayID, let amount): balances[stayID, default: 0] += amount
        case .other: break
        }
    }
}

/// A stored event the projection cannot read, and why, in words a person on call can act on.
public struct UnreadableEvent: Error, Sendable, Equatable, CustomStringConvertible {
    public var position: Int64
    public var eventType: String
    public var reason: String

    public init(_ recorded: RecordedEvent, _ reason: String) {
        position = recorded.position
        eventType = recorded.eventType
        self.reason = reason
    }

    public var description: String { "\(eventType) at position \(position) cannot be read: \(reason)" }
}
