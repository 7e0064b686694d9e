import EventSourcing
import Foundation
import Testing

/// Stored JSON of every older schema version we ever wrote. These files are never edited: if a
/// change to the code stops one of them from decoding, that change would break production data.
@Suite struct GoldenCorpusTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// Files are named `<EventType>.v<version>.json`; the expected decoded event sits beside each
    /// as `<EventType>.v<version>.expected.json`, in today's schema.
    static var cases: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasSuffix(".expected.json") && $0.hasSuffix(".json") }.sorted()
    }

    @Test func theCorpusIsNotEmpty() {
        #expect(Self.cases.count >= 4)
    }

    @Test(arguments: cases)
    func storedOlderVersionsKeepDecoding(file: String) throws {
        let parts = file.split(separator: ".")
        let type = String(parts[0])
        let version = try #require(Int(parts[1].dropFirst()))
        let stored = try String(contentsOf: Self.folder.appendingPathComponent(file), encoding: .utf8)
        let expectedFile = file.replacingOccurrences(of: ".json", with: ".expected.json")
        let expected = try JSONValue(data: Data(contentsOf: Self.folder.appendingPathComponent(expectedFile)))

        let event = try RoomKeys.codec.decode(RoomKeys.recorded(type, version: version, json: stored)).event
        let actual: JSONValue = switch event {
        case .issued(let issued): try JSONValue(encoding: issued)
        case .revoked(let revoked): try JSONValue(encoding: revoked)
        }
        #expect(actual == expected)
    }
}
