import EventSourcing
@testable import EventSourcingSQLite
import Foundation
import Testing

/// The hand-written metadata JSON must agree with Foundation's coders, or decline.
@Suite struct MetadataJSONTests {
    static let samples: [EventMetadata] = [
        EventMetadata(),
        EventMetadata(correlationID: "flow-1"),
        EventMetadata(correlationID: "c", causationID: "d", headers: ["user": "zoë", "tenant": "h1"]),
        EventMetadata(causationID: "quote \" backslash \\ slash / newline \n tab \t bell \u{7} nul \u{0}"),
        EventMetadata(headers: ["emoji 🏨": "😀", "": "empty key", "cr": "\r"]),
    ]

    @Test(arguments: samples)
    func writtenMetadataReadsBackTheSameWithBothReaders(_ metadata: EventMetadata) throws {
        let text = MetadataJSON.encode(metadata)
        let fast = Array(text.utf8).withUnsafeBufferPointer { MetadataJSON.decodeMetadata($0) }
        #expect(fast == metadata)
        #expect(try JSONDecoder().decode(EventMetadata.self, from: Data(text.utf8)) == metadata)
    }

    @Test(arguments: [
        #"{"correlation_id":"a","causation_id":null,"headers":{"k":"v"}}"#,
        #"  { "headers" : { } , "correlation_id" : "\u00e9\ud83c\udfe8" }  "#,
        #"{"correlation_id":"a\/b"}"#,
    ])
    func foreignButWellShapedJSONAgreesWithJSONDecoder(_ text: String) throws {
        let fast = Array(text.utf8).withUnsafeBufferPointer { MetadataJSON.decodeMetadata($0) }
        #expect(fast == (try JSONDecoder().decode(EventMetadata.self, from: Data(text.utf8))))
    }

    @Test(arguments: [
        #"{"correlation_id":1}"#, #"{"other":"x"}"#, #"{"headers":{"k":2}}"#, #"{"a""#, "[]", "",
        #"{"correlation_id":"\ud83c"}"#, #"{"correlation_id":"x"} trailing"#, "{\"correlation_id\":\"a\u{1}\"}",
    ])
    func anythingElseIsLeftToJSONDecoder(_ text: String) {
        #expect(Array(text.utf8).withUnsafeBufferPointer { MetadataJSON.decodeMetadata($0) } == nil)
    }
}
