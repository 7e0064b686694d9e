import EventSourcing

/// Each guest's stays, across visits: what v0 got by reading the guest's lifetime stream, now a
/// read model built from every stay's events.
///
/// The stay streams stay short because anything that spans stays lives here instead. A read
/// model can be dropped and rebuilt from the events at any time, so its shape is cheap to change.
public struct GuestHistory: Sendable, Equatable, Codable {
    public struct Stay: Sendable, Equatable, Codable {
        public var stayID: String
        public var roomNumber: String
        public var status: GuestStay.Status
        /// Everything charged during the stay.
        public var charged: Int

        public init(stayID: String, roomNumber: String, status: GuestStay.Status, charged: Int) {
            self.stayID = stayID
            self.roomNumber = roomNumber
            self.status = status
            self.charged = charged
        }
    }

    /// Each guest's stays, by guest id, oldest first.
    public var stays: [String: [Stay]]
    /// The guest of each stay: only GuestCheckedIn names the guest, the later events name the stay.
    public var guestOfStay: [String: String]

    public init(stays: [String: [Stay]] = [:], guestOfStay: [String: String] = [:]) {
        self.stays = stays
        self.guestOfStay = guestOfStay
    }

    /// The history after one more event of any stay.
    public static func apply(_ history: inout GuestHistory, _ event: GuestStayEvent) {
        // TODO: keep each guest's stays, oldest first:
        //   - GuestCheckedIn  remembers the stay's guest (`guestOfStay`) and appends a row
        //                     (status .checkedIn, charged 0) to that guest's `stays`
        //   - ChargeRecorded  adds the amount to the stay's `charged`
        //   - GuestCheckedOut sets the stay's status to .checkedOut
        //   - the others      are not part of the history
        // Only GuestCheckedIn names the guest: find the others' row through `guestOfStay`
        // (the `update(_:_:)` helper below does that for you).
    }

    /// Changes one stay's row, found through its guest.
    private mutating func update(_ stayID: String, _ change: (inout Stay) -> Void) {
        guard let guestID = guestOfStay[stayID],
              let index = stays[guestID]?.firstIndex(where: { $0.stayID == stayID }) else { return }
        change(&stays[guestID, default: []][index])
    }

    /// The projection that keeps the history up to date from the global log.
    public static func projection() -> InMemoryProjection<GuestHistory> {
        let codec = GuestStayEvent.codec
        return InMemoryProjection(name: "guest_history", handles: codec.eventTypes, initial: GuestHistory()) { history, recorded in
            apply(&history, try codec.decode(recorded).event)
        }
    }
}
