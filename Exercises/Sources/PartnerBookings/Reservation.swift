import EventSourcing
import Foundation

// The hotel's reservations, in the hotel's language. Stream: `reservation-{id}`.

public enum RoomType: String, Codable, Sendable, CaseIterable {
    case single, double, suite
}

/// Reserve a room type for some nights. Ids and times come in with the command.
public struct ReserveRoom: Sendable, Equatable {
    public var reservationID: String
    public var roomType: RoomType
    /// The first night, at 00:00 UTC.
    public var arrival: Date
    public var nights: Int
    public var guestName: String
    /// Where the booking came from, e.g. "ota:BK-88231".
    public var source: String

    public init(reservationID: String, roomType: RoomType, arrival: Date, nights: Int, guestName: String, source: String) {
        self.reservationID = reservationID
        self.roomType = roomType
        self.arrival = arrival
        self.nights = nights
        self.guestName = guestName
        self.source = source
    }
}

public struct RoomReserved: Codable, Sendable, Equatable {
    public var reservationID: String
    public var roomType: RoomType
    public var arrival: Date
    public var nights: Int
    public var guestName: String
    public var source: String

    enum CodingKeys: String, CodingKey {
        case reservationID = "reservationId", roomType, arrival, nights, guestName, source
    }
}

public enum ReservationEvent: Sendable, Equatable {
    case roomReserved(RoomReserved)

    public static let codec: EventCodec<ReservationEvent> = {
        var codec = EventCodec<ReservationEvent>()
        codec.register(RoomReserved.self, as: "RoomReserved", embed: ReservationEvent.roomReserved,
                       extract: { if case .roomReserved(let event) = $0 { event } else { nil } })
        return codec
    }()
}

/// A reservation's rules, broken.
public enum ReservationError: Error, Sendable, Equatable {
    /// The reservation exists with other details: a resend must be the same request. A change
    /// (other dates, another room) is a different command, not a retry, and is never applied
    /// silently nor silently dropped.
    case changedResend(reservationID: String)
}

/// The reservation's decider: a reservation is made once; the same request again changes
/// nothing; the same id with other details is refused.
///
/// A simplification, said plainly: it does not check that a room of that type is free on each
/// night. The boundary exercise showed how (one `room_availability-{type}-{date}` stream per
/// night, with expected versions); a booking of several nights then reserves each night and
/// gives back the ones it took when a later night is sold out. That process is left out here so
/// the exercise stays on the translation at the edge.
public enum Reservation {
    public static func streamID(_ reservationID: String) -> String { "reservation-\(reservationID)" }

    public static let decider = Decider<ReserveRoom, ReservationEvent, RoomReserved?>(
        initialState: nil,
        evolve: { _, event in
            switch event { case .roomReserved(let reserved): reserved }
        },
        decide: { command, state in
            if let existing = state {
                // The partner resends when our answer is slow: the same request again changes
                // nothing. The same id with other details is not a retry.
                guard existing.roomType == command.roomType, existing.arrival == command.arrival, existing.nights == command.nights,
                      existing.guestName == command.guestName else {
                    throw ReservationError.changedResend(reservationID: command.reservationID)
                }
                return []
            }
            return [.roomReserved(RoomReserved(reservationID: command.reservationID, roomType: command.roomType, arrival: command.arrival,
                                               nights: command.nights, guestName: command.guestName, source: command.source))]
        })
}

/// Where the partner's bookings arrive: translate, then reserve as any booking would.
public struct PartnerBookingEndpoint {
    private let handler: CommandHandler<ReserveRoom, ReservationEvent, RoomReserved?>

    public init(store: any EventStore, makeEventID: @escaping @Sendable () -> UUID = { UUID() }) {
        handler = CommandHandler(decider: Reservation.decider, codec: ReservationEvent.codec, store: store, makeEventID: makeEventID)
    }

    /// Handles one partner payload; throws `PartnerBookingError` when it cannot be understood.
    public func receive(_ payload: Data) throws {
        let command = try PartnerBookingTranslator.translate(payload)
        do {
            try handler.handle(command, on: Reservation.streamID(command.reservationID),
                               context: MessageContext(messageID: "\(command.source)/\(command.reservationID)"))
        } catch ReservationError.changedResend {
            // The answer goes back to the partner, so it is said in the partner's words.
            let ref = (try? JSONDecoder().decode(PartnerBookingPayload.self, from: payload))?.bookingRef ?? command.reservationID
            throw PartnerBookingError.changedResend(bookingRef: ref)
        }
    }
}
