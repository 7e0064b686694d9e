import EventSourcing
import Foundation
import Testing

@Suite struct JSONCodingTests {
    struct Stamped: Codable, Equatable { var at: Date }

    @Test func datesAreStoredAsISO8601Text() throws {
        let data = try JSONCoding.encoder().encode(Stamped(at: Date(timeIntervalSince1970: 1_773_496_800)))
        #expect(String(decoding: data, as: UTF8.self) == #"{"at":"2026-03-14T14:00:00Z"}"#)
    }

    @Test(arguments: [1_773_496_800.0, 1_773_496_800.25, 0.5])
    func datesRoundTripWithAndWithoutFractions(seconds: Double) throws {
        let value = Stamped(at: Date(timeIntervalSince1970: seconds))
        let decoded = try JSONCoding.decoder().decode(Stamped.self, from: JSONCoding.encoder().encode(value))
        #expect(abs(decoded.at.timeIntervalSince1970 - seconds) < 0.001)
    }

    @Test func aNumberWhereADateBelongsIsRefused() {
        #expect(throws: DecodingError.self) {
            try JSONCoding.decoder().decode(Stamped.self, from: Data(#"{"at":795189600}"#.utf8))
        }
    }
}
