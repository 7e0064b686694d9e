import EventSourcing
import Foundation

/// How many rooms of one type are left for one night: the consistency boundary of a
/// reservation.
///
/// The rule "never more reservations than rooms" needs every reservation of that type and night
/// in one place, decided one at a time. So they are one stream,
/// `room_availability-{roomType}-{date}`, and every reservation is appended to it with the
/// version the decision was made on.
public struct RoomAvailability: Sendable, Equatable, Codable {
    public var roomsOffered: Int
    /// Reservation ids, in the order they were made.
    public var reservations: [String]

    public init(roomsOffered: Int, reservations: [String]) {
        self.roomsOffered = roomsOffered
        self.reservations = reservations
    }

    public var roomsLeft: Int { roomsOffered - reservations.count }

    public static let initial = RoomAvailability(roomsOffered: 0, reservations: [])

    public static func streamID(roomType: String, date: String) -> String {
        "room_availability-\(roomType)-\(date)"
    }

    public static func evolve(_ state: RoomAvailability, _ event: RoomAvailabilityEvent) -> RoomAvailability {
        var state = state
        switch event {
        case .roomsOffered(let offer): state.roomsOffered += offer.rooms
        case .roomReserved(let reservation): state.reservations.append(reservation.reservationID)
        }
        return state
    }

    public static func decide(_ command: ReserveRoom, _ state: RoomAvailability) throws -> [RoomAvailabilityEvent] {
        // A retried reservation is already in: nothing to add, and no "sold out" either.
        if state.reservations.contains(command.reservationID) { return [] }
        guard state.roomsLeft > 0 else {
            throw ReservationError.soldOut(roomType: command.roomType, date: command.date)
        }
        return [.roomReserved(RoomReserved(reservationID: command.reservationID, guestID: command.guestID,
                                           roomType: command.roomType, date: command.date))]
    }

    public static let decider = Decider<ReserveRoom, RoomAvailabilityEvent, RoomAvailability>(
        initialState: .initial, evolve: evolve, decide: decide)
}

/// A guest asks for a room of a type for a night.
public struct ReserveRoom: Sendable, Equatable {
    public var reservationID: String
    public var guestID: String
    public var roomType: String
    /// The night, as `yyyy-MM-dd`.
    public var date: String

    public init(reservationID: String, guestID: String, roomType: String, date: String) {
        self.reservationID = reservationID
        self.guestID = guestID
        self.roomType = roomType
        self.date = date
    }
}

/// The reservation rules a request can break.
public enum ReservationError: Error, Sendable, Equatable, CustomStringConvertible {
    case soldOut(roomType: String, date: String)

    public var description: String {
        switch self {
        case .soldOut(let roomType, let date): "soldOut (no \(roomType) rooms left on \(date))"
        }
    }
}

/// The hotel puts rooms of a type on sale for a night.
public struct RoomsOffered: Codable, Sendable, Equatable {
    public var roomType: String
    public var date: String
    public var rooms: Int

    public init(roomType: String, date: String, rooms: Int) {
        self.roomType = roomType
        self.date = date
        self.rooms = rooms
    }
}

/// One of those rooms is now taken by a reservation.
public struct RoomReserved: Codable, Sendable, Equatable {
    public var reservationID: String
    public var guestID: String
    public var roomType: String
    public var date: String

    public init(reservationID: String, guestID: String, roomType: String, date: String) {
        self.reservationID = reservationID
        self.guestID = guestID
        self.roomType = roomType
        self.date = date
    }

    enum CodingKeys: String, CodingKey {
        case reservationID = "reservationId", guestID = "guestId", roomType, date
    }
}

public enum RoomAvailabilityEvent: Sendable, Equatable, CustomStringConvertible {
    case roomsOffered(RoomsOffered)
    case roomReserved(RoomReserved)

    public var description: String {
        switch self {
        case .roomsOffered(let e): "RoomsOffered(\(e.rooms) \(e.roomType) on \(e.date))"
        case .roomReserved(let e): "RoomReserved(\(e.reservationID), guest \(e.guestID), \(e.roomType) on \(e.date))"
        }
    }

    public static let codec: EventCodec<RoomAvailabilityEvent> = {
        var codec = EventCodec<RoomAvailabilityEvent>()
        codec.register(RoomsOffered.self, as: "RoomsOffered", embed: RoomAvailabilityEvent.roomsOffered,
                       extract: { if case .roomsOffered(let event) = $0 { event } else { nil } })
        codec.register(RoomReserved.self, as: "RoomReserved", embed: RoomAvailabilityEvent.roomReserved,
                       extract: { if case .roomReserved(let event) = $0 { event } else { nil } })
        return codec
    }()
}
