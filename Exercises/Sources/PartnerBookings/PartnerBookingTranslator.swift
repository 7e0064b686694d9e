import Foundation

/// The inbound translation layer (an anti-corruption layer): the partner's model stops here.
/// Past this point the hotel speaks only its own language: `ReserveRoom`, `RoomType`, `Date`.
public enum PartnerBookingTranslator {
    /// The agency's room codes, and what each one is in this hotel. Anything else is refused:
    /// guessing ("STE-* must be a suite") sells rooms the hotel does not have.
    public static let roomTypes: [String: RoomType] = ["SGL-STD": .single, "DBL-STD": .double, "STE-DLX": .suite]

    /// The command a partner's payload stands for.
    public static func translate(_ payload: Data) throws -> ReserveRoom {
        let booking = try JSONDecoder().decode(PartnerBookingPayload.self, from: payload)
        // TODO: v0 trusted the partner's model: any room code became a double, bad dates became
        // today, and every message got a new reservation id, so a resent booking was booked
        // twice. Translate it properly:
        // - a DecodingError becomes `PartnerBookingError.malformed(describe(error))`;
        // - the room code through `roomTypes`; unknown: `PartnerBookingError.unknownRoomType(code)`;
        // - both dates with `date(_:)`; missing, or check-out not after check-in: `.invalidStay`;
        // - nights: whole days between the two dates;
        // - reservationID "ota-<bookingRef>" (the same booking, the same reservation), source
        //   "ota:<bookingRef>", guestName "<firstName> <lastName>".
        return ReserveRoom(reservationID: UUID().uuidString, roomType: roomTypes[booking.roomCode] ?? .double, arrival: Date(),
                           nights: 1, guestName: booking.guest.lastName, source: "ota")
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
