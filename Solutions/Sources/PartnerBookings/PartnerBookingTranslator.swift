import Foundation

/// The inbound translation layer (an anti-corruption layer): the partner's model stops here.
/// Past this point the hotel speaks only its own language: `ReserveRoom`, `RoomType`, `Date`.
public enum PartnerBookingTranslator {
    /// The agency's room codes, and what each one is in this hotel. Anything else is refused:
    /// guessing ("STE-* must be a suite") sells rooms the hotel does not have.
    public static let roomTypes: [String: RoomType] = ["SGL-STD": .single, "DBL-STD": .double, "STE-DLX": .suite]

    /// The command a partner's payload stands for.
    public static func translate(_ payload: Data) throws -> ReserveRoom {
        let booking: PartnerBookingPayload
        do {
            booking = try JSONDecoder().decode(PartnerBookingPayload.self, from: payload)
        } catch let error as DecodingError {
            throw PartnerBookingError.malformed(describe(error))
        }
        guard let roomType = roomTypes[booking.roomCode] else {
            throw PartnerBookingError.unknownRoomType(booking.roomCode)
        }
        guard let arrival = date(booking.stay.checkIn), let departure = date(booking.stay.checkOut), departure > arrival else {
            throw PartnerBookingError.invalidStay(checkIn: booking.stay.checkIn, checkOut: booking.stay.checkOut)
        }
        return ReserveRoom(
            // The partner's id makes ours: the agency resends a booking when our answer is slow,
            // and every resend must land on the same reservation stream, where the decider sees
            // it already exists and does nothing. A fresh UUID here would book the room twice.
            reservationID: "ota-\(booking.bookingRef)",
            roomType: roomType, arrival: arrival,
            nights: Int(departure.timeIntervalSince(arrival) / 86_400),
            guestName: "\(booking.guest.firstName) \(booking.guest.lastName)",
            source: "ota:\(booking.bookingRef)")
    }

    /// "2026-03-14" as 2026-03-14 00:00 UTC, or nil when it is not such a date.
    static func date(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        guard let date = formatter.date(from: text), formatter.string(from: date) == text else { return nil }
        return date
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            "missing field '\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            "field '\(context.codingPath.map(\.stringValue).joined(separator: "."))' has the wrong type"
        case .dataCorrupted:
            "not valid JSON"
        @unknown default:
            "\(error)"
        }
    }
}
