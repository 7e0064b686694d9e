import EventSourcing

/// The list the night auditor works through: one row per stay still in the house, with what it
/// owes. A row appears at check-in and disappears at checkout.
public struct OpenFolio: Sendable, Equatable, Codable {
    public var stayID: String
    public var guestID: String
    public var roomNumber: String
    /// Paid minus charged: negative means the guest owes.
    public var balance: Int

    public init(stayID: String, guestID: String, roomNumber: String, balance: Int) {
        self.stayID = stayID
        self.guestID = guestID
        self.roomNumber = roomNumber
        self.balance = balance
    }
}

public enum OpenFolios {
    /// The rows after one more event, keyed by stay id.
    public static func apply(_ rows: inout [String: OpenFolio], _ event: GuestStayEvent) {
        switch event {
        case .guestCheckedIn(let e):
            rows[e.stayID] = OpenFolio(stayID: e.stayID, guestID: e.guestID, roomNumber: e.roomNumber, balance: 0)
        case .chargeRecorded(let e):
            // Optional chaining: a charge for a stay that is not listed changes nothing.
            rows[e.stayID]?.balance -= e.amount
        case .paymentRecorded(let e):
            rows[e.stayID]?.balance += e.amount
        case .guestCheckedOut(let e):
            // The folio is closed: the row goes. (Keeping it with a "closed" flag would make
            // every query filter it out, and the list would only ever grow.)
            rows[e.stayID] = nil
        case .guestCheckoutFailed:
            // The guest is still in the house and still owes: the row stays as it is.
            break
        }
    }

    /// The projection that keeps the rows up to date from the global log.
    public static func projection() -> InMemoryProjection<[String: OpenFolio]> {
        let codec = GuestStayEvent.codec
        return InMemoryProjection(name: "open_folios", handles: codec.eventTypes, initial: [:]) { rows, recorded in
            apply(&rows, try codec.decode(recorded).event)
        }
    }
}
