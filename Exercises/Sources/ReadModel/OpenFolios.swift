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
        // TODO: a row per stay still in the house, with its balance (paid minus charged).
        // It appears at check-in and disappears at checkout.
    }

    /// The projection that keeps the rows up to date from the global log.
    public static func projection() -> InMemoryProjection<[String: OpenFolio]> {
        let codec = GuestStayEvent.codec
        return InMemoryProjection(name: "open_folios", handles: codec.eventTypes, initial: [:]) { rows, recorded in
            apply(&rows, try codec.decode(recorded).event)
        }
    }
}
