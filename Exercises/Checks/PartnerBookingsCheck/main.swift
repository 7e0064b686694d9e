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

/// A resend is the same request; the same booking ref with other details is a change, and must
/// be refused with an answer the partner can act on, not swallowed as if it were a retry.
@MainActor func checkChangedResend() {
    suite.check("given BK-88231 resent with other dates, then changedResend, and the first reservation stands") { _ in
        let store = InMemoryEventStore(clock: { march14 })
        let endpoint = PartnerBookingEndpoint(store: store, makeEventID: SequentialIDs().make)
        try endpoint.receive(payload())
        do {
            try endpoint.receive(payload(checkIn: "2026-03-15", checkOut: "2026-03-18"))
            throw SpecFailure("BK-88231 came back with other dates (15 to 18 March) and was accepted as if it were a retry: the partner believes the change was made, the hotel kept 14 to 16 March.")
        } catch let error as PartnerBookingError {
            try expectEqual(expected: .changedResend(bookingRef: "BK-88231"), actual: error, "BK-88231 resent with other dates, the refusal", root: "error")
        }
        let all = try store.readAll(after: 0, limit: .max).map { "\($0.streamID) \($0.eventType)" }
        guard all == ["reservation-ota-BK-88231 RoomReserved"] else {
            throw SpecFailure.mismatch("Events after BK-88231 came back changed", expected: ["reservation-ota-BK-88231 RoomReserved"], actual: all, firstDifference: nil)
        }
    }
}
checkChangedResend()

/// The instructions promise that JSON which is not a booking is refused as `.malformed`, with a
/// reason, rather than crashing or passing as something else: these send two kinds.
@MainActor func checkMalformedPayloads() {
    suite.check("given JSON that is not a booking (a field missing, or not JSON at all), then malformed with a reason") { _ in
        let missingGuest = Data(#"{"bookingRef":"BK-1","hotelCode":"HTL-042","roomCode":"DBL-STD","stay":{"checkIn":"2026-03-14","checkOut":"2026-03-16"}}"#.utf8)
        for (label, data) in [("a booking without its guest", missingGuest), ("text that is not JSON", Data("BOOKING BK-1 PLEASE".utf8))] {
            do {
                let command = try PartnerBookingTranslator.translate(data)
                throw SpecFailure("Given \(label), expected .malformed(...); it became \(command).")
            } catch let error as PartnerBookingError {
                guard case .malformed(let reason) = error, !reason.isEmpty else {
                    throw SpecFailure("Given \(label), expected .malformed(<a reason the partner can read>); it was refused with \(SpecFailure.describe(error)).")
                }
            } catch let error as SpecFailure {
                throw error
            } catch {
                throw SpecFailure("Given \(label), expected .malformed(<a reason the partner can read>), but translating \(SpecFailure.threw(error)): "
                    + "the partner would get Swift's decoding error instead of a reason. Catch the DecodingError and throw .malformed(describe(error)).")
            }
        }
    }
}
checkMalformedPayloads()

suite.run()
