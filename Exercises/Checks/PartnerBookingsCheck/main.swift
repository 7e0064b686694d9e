// Checks for exercise "inbound": a travel agency's booking becomes ReserveRoom at the edge,
// deduplicated by the agency's booking reference; what cannot be mapped is refused clearly.
import EventSourcing
import EventSourcingTesting
import Foundation
import PartnerBookings
import Synchronization

let march14 = Date(timeIntervalSince1970: 1_773_446_400)  // 2026-03-14 00:00 UTC

/// Event ids 00000000-0000-4000-8000-000000000001, …2, …: the trace is the same on every run.
final class SequentialIDs: Sendable {
    private let next = Mutex<Int64>(1)
    func make() -> UUID {
        next.withLock { number in
            defer { number += 1 }
            return EventFixtures.fixtureID(number)
        }
    }
}

func payload(ref: String = "BK-88231", room: String = "DBL-STD", checkIn: String = "2026-03-14", checkOut: String = "2026-03-16",
             first: String = "Ana", last: String = "Lima") -> Data {
    Data(#"{"bookingRef":"\#(ref)","hotelCode":"HTL-042","roomCode":"\#(room)","guest":{"firstName":"\#(first)","lastName":"\#(last)","email":"ana@example.com"},"stay":{"checkIn":"\#(checkIn)","checkOut":"\#(checkOut)","adults":2}}"#.utf8)
}

func translate(_ data: Data) throws -> ReserveRoom {
    do {
        return try PartnerBookingTranslator.translate(data)
    } catch let error as PartnerBookingError {
        throw SpecFailure("Translating a valid booking threw \(SpecFailure.describe(error)) (\(error))\n  payload: \(String(decoding: data, as: UTF8.self))")
    }
}

func expectRefused(_ data: Data, _ expected: PartnerBookingError, mentioning words: [String]) throws {
    do {
        let command = try PartnerBookingTranslator.translate(data)
        throw SpecFailure("Expected the booking to be refused with \(SpecFailure.describe(expected)); it became \(SpecFailure.describe(command)).")
    } catch let error as PartnerBookingError {
        try expectEqual(expected: expected, actual: error, "The refusal", root: "error")
        let text = "\(error)"
        for word in words where !text.contains(word) {
            throw SpecFailure("The error should tell the partner what is wrong (mentioning '\(word)'); it says: \(text)")
        }
    }
}

var suite = CheckSuite("inbound")

suite.check("given the agency's booking BK-88231, then ReserveRoom in the hotel's terms") { _ in
    let expected = ReserveRoom(reservationID: "ota-BK-88231", roomType: .double, arrival: march14, nights: 2, guestName: "Ana Lima", source: "ota:BK-88231")
    let actual = try translate(payload())
    try expectEqual(expected: expected, actual: actual, "Translating BK-88231, the command", root: "reserveRoom")
}

suite.check("given each of the agency's room codes, then the hotel's room type") { _ in
    for (code, type) in [("SGL-STD", RoomType.single), ("DBL-STD", .double), ("STE-DLX", .suite)] {
        let command = try translate(payload(room: code))
        try expectEqual(expected: type, actual: command.roomType, "Room code \(code)", root: "roomType")
    }
    let week = try translate(payload(checkIn: "2026-03-28", checkOut: "2026-04-04"))
    try expectEqual(expected: 7, actual: week.nights, "28 March to 4 April", root: "nights")
}

suite.check("given an unknown room code, then a clear unknownRoomType error naming the code and what the hotel sells") { _ in
    try expectRefused(payload(room: "PENT-01"), .unknownRoomType("PENT-01"), mentioning: ["PENT-01", "DBL-STD", "SGL-STD", "STE-DLX"])
}

suite.check("given a check-out not after the check-in, or a date that is not one, then invalidStay") { _ in
    try expectRefused(payload(checkIn: "2026-03-16", checkOut: "2026-03-16"), .invalidStay(checkIn: "2026-03-16", checkOut: "2026-03-16"), mentioning: ["2026-03-16"])
    try expectRefused(payload(checkIn: "14/03/2026"), .invalidStay(checkIn: "14/03/2026", checkOut: "2026-03-16"), mentioning: ["14/03/2026"])
}

suite.check("given a payload that is not a booking (a field missing, a field of the wrong type, not JSON at all), then malformed saying what is wrong") { _ in
    let cases: [(what: String, payload: Data, mentioning: String?)] = [
        ("roomCode missing", Data(String(decoding: payload(), as: UTF8.self).replacingOccurrences(of: #""roomCode":"DBL-STD","#, with: "").utf8), "roomCode"),
        ("the check-in as a number", Data(String(decoding: payload(), as: UTF8.self).replacingOccurrences(of: #""checkIn":"2026-03-14""#, with: #""checkIn":20260314"#).utf8), "checkIn"),
        ("an HTML error page", Data("<html>502 Bad Gateway</html>".utf8), nil),
    ]
    for (what, data, word) in cases {
        do {
            let command = try PartnerBookingTranslator.translate(data)
            throw SpecFailure("A payload with \(what) became \(SpecFailure.describe(command)); expected PartnerBookingError.malformed.")
        } catch PartnerBookingError.malformed(let reason) {
            if let word, !reason.contains(word) {
                throw SpecFailure("A payload with \(what) was refused as malformed, but the reason should name the field '\(word)'; it says: \(reason)")
            }
        } catch let error as SpecFailure {
            throw error
        } catch {
            throw SpecFailure("A payload with \(what) was refused with \(SpecFailure.describe(error)) (\(ValuePrinter.compact(type(of: error)))), not PartnerBookingError.malformed: "
                + "the partner would get Swift's decoding error instead of a reason. Catch the DecodingError and throw .malformed(describe(error)).")
        }
    }
}

suite.check("given the same booking sent twice, then one reservation") { _ in
    let store = InMemoryEventStore(clock: { march14 })
    let endpoint = PartnerBookingEndpoint(store: store, makeEventID: SequentialIDs().make)
    try endpoint.receive(payload())
    try endpoint.receive(payload())
    let all = try store.readAll(after: 0, limit: .max).map { "\($0.streamID) \($0.eventType)" }
    guard all == ["reservation-ota-BK-88231 RoomReserved"] else {
        throw SpecFailure.mismatch("Events after BK-88231 arrived twice", expected: ["reservation-ota-BK-88231 RoomReserved"], actual: all, firstDifference: nil)
    }
}

suite.check("a morning of agency traffic: retries, a new room code, two bookings") { trace in
    let store = InMemoryEventStore(clock: { march14 })
    let endpoint = PartnerBookingEndpoint(store: store, makeEventID: SequentialIDs().make)
    var answers: [JSONValue] = []
    let arrivals: [(String, Data)] = [
        ("Agency: BK-88231 (Ana, DBL-STD, 2 nights)", payload()),
        ("Agency resends BK-88231 (our answer was slow)", payload()),
        ("Agency: BK-88240 (Bo, PENT-01)", payload(ref: "BK-88240", room: "PENT-01", first: "Bo", last: "Berg")),
        ("Agency: BK-88241 (Bo, STE-DLX, 3 nights)", payload(ref: "BK-88241", room: "STE-DLX", checkIn: "2026-03-20", checkOut: "2026-03-23", first: "Bo", last: "Berg")),
        ("Agency resends BK-88231 again", payload()),
    ]
    for (title, data) in arrivals {
        try trace.step(title, store: store) {
            do {
                try endpoint.receive(data)
                answers.append(.string("\(title): accepted"))
            } catch let error as PartnerBookingError {
                answers.append(.string("\(title): refused: \(error)"))
            }
        } readModels: {
            [
                "Answers to the agency": .array(answers),
                "Reservations": .array(try store.readAll(after: 0, limit: .max).map { .string("\($0.streamID)") }),
            ]
        }
    }
    let streams = try store.readAll(after: 0, limit: .max).map(\.streamID)
    guard streams == ["reservation-ota-BK-88231", "reservation-ota-BK-88241"] else {
        throw SpecFailure.mismatch("Reservations", expected: ["reservation-ota-BK-88231", "reservation-ota-BK-88241"], actual: streams, firstDifference: nil)
    }
}

suite.run()
