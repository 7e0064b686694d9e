import EventSourcing
import Foundation

// The hotel as first deployed (v0), kept so you can see what we are moving away from.
// It worked in the demo. In production it showed its flaws:
//
// - One lifetime stream per guest, `guest-{guestId}`: a regular guest's stream grows forever,
//   and every stay is loaded with all the stays before it.
// - One vague event for every change, `GuestStayUpdated(status, balance)`: it stores the
//   result, not what happened. Was -60 a charge of 100 and a payment of 40? Two charges of 30?
//   A refund? Nobody can tell any more, and Finance asks exactly that.
// - Read-then-write with `expected: .any`: two desks updating the same guest at once silently
//   overwrite each other's balance.

/// The only event v0 ever wrote: the stay's status and balance *after* a change.
public struct GuestStayUpdated: Codable, Sendable, Equatable {
    public var stayID: String
    /// "checked_in" or "checked_out"
    public var status: String
    /// The balance after the change, whatever the change was.
    public var balance: Int

    public init(stayID: String, status: String, balance: Int) {
        self.stayID = stayID
        self.status = status
        self.balance = balance
    }

    enum CodingKeys: String, CodingKey {
        case stayID = "stayId", status, balance
    }
}

/// v0's front desk: reads the guest's last update, computes the new balance, writes it back.
public struct FrontDeskV0: Sendable {
    public let store: any EventStore
    private let makeEventID: @Sendable () -> UUID

    public init(store: any EventStore, makeEventID: @escaping @Sendable () -> UUID = { UUID() }) {
        self.store = store
        self.makeEventID = makeEventID
    }

    public func checkIn(guestID: String, stayID: String) throws {
        try write(GuestStayUpdated(stayID: stayID, status: "checked_in", balance: 0), guestID: guestID)
    }

    public func recordCharge(guestID: String, stayID: String, amount: Int) throws {
        let last = try lastUpdate(guestID: guestID)
        try write(GuestStayUpdated(stayID: stayID, status: last.status, balance: last.balance - amount), guestID: guestID)
    }

    public func recordPayment(guestID: String, stayID: String, amount: Int) throws {
        let last = try lastUpdate(guestID: guestID)
        try write(GuestStayUpdated(stayID: stayID, status: last.status, balance: last.balance + amount), guestID: guestID)
    }

    private func lastUpdate(guestID: String) throws -> GuestStayUpdated {
        guard let last = try store.readStream("guest-\(guestID)").last else {
            return GuestStayUpdated(stayID: "", status: "not_opened", balance: 0)
        }
        return try JSONValue(data: last.data).decode(as: GuestStayUpdated.self)
    }

    private func write(_ update: GuestStayUpdated, guestID: String) throws {
        let data = try JSONValue(encoding: update).encoded()
        try store.append(to: "guest-\(guestID)", expected: .any,
                         events: [EventData(eventID: makeEventID(), eventType: "GuestStayUpdated", data: data)])
    }
}
