import Foundation

/// A booking as the online travel agency sends it: their JSON, their names, their codes.
///
/// ```json
/// {"bookingRef": "BK-88231", "hotelCode": "HTL-042", "roomCode": "DBL-STD",
///  "guest": {"firstName": "Ana", "lastName": "Lima"},
///  "stay": {"checkIn": "2026-03-14", "checkOut": "2026-03-16"}}
/// ```
public struct PartnerBookingPayload: Decodable, Sendable, Equatable {
    public struct Guest: Decodable, Sendable, Equatable {
        public var firstName: String
        public var lastName: String
    }

    public struct Stay: Decodable, Sendable, Equatable {
        /// "yyyy-MM-dd", the hotel's local calendar date.
        public var checkIn: String
        public var checkOut: String
    }

    /// The agency's id for the booking: the same booking always has the same ref.
    public var bookingRef: String
    public var hotelCode: String
    /// The agency's room code: "SGL-STD", "DBL-STD", "STE-DLX", and whatever they add next.
    public var roomCode: String
    public var guest: Guest
    public var stay: Stay
}

/// Why a partner's booking was refused. Each says, in a sentence, what to tell the partner.
public enum PartnerBookingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The JSON is not a booking we understand.
    case malformed(String)
    /// A room code we do not map to a room type.
    case unknownRoomType(String)
    /// Dates that are not dates, or a check-out not after the check-in.
    case invalidStay(checkIn: String, checkOut: String)
    /// The booking was received before with other details: a change is not a resend.
    case changedResend(bookingRef: String)

    public var description: String {
        switch self {
        case .malformed(let reason):
            "The booking payload could not be read: \(reason)."
        case .unknownRoomType(let code):
            "Unknown room type '\(code)': this hotel sells \(PartnerBookingTranslator.roomTypes.keys.sorted().joined(separator: ", "))."
        case .invalidStay(let checkIn, let checkOut):
            "Invalid stay from '\(checkIn)' to '\(checkOut)': dates are yyyy-MM-dd and check-out must be after check-in."
        case .changedResend(let ref):
            "Booking '\(ref)' was received before with other details: a change is not a resend, send it as a modification."
        }
    }
}
