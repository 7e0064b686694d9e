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

    // MARK: The reader for exactly what `encode` writes

    static let plain: [EventMetadata] = [
        EventMetadata(correlationID: "flow-1"),
        EventMetadata(causationID: "cmd-1"),
        EventMetadata(correlationID: "checkin-guest_stay-42", causationID: "cmd-7"),
        EventMetadata(correlationID: "c", causationID: "d", headers: ["user": "ada", "tenant": "h1", "": "empty key"]),
        EventMetadata(headers: ["only": "headers"]),
        EventMetadata(correlationID: "", causationID: "", headers: ["k": ""]),
    ]

    /// ASCII without escapes, nearly every row, takes the fast path, and agrees.
    @Test(arguments: plain)
    func plainMetadataTakesTheFastPath(_ metadata: EventMetadata) throws {
        let text = MetadataJSON.encode(metadata)
        let fast = Array(text.utf8).withUnsafeBufferPointer { MetadataJSON.decodeAsEncoded($0) }
        #expect(fast == metadata)
        #expect(try JSONDecoder().decode(EventMetadata.self, from: Data(text.utf8)) == metadata)
    }

    /// Escapes and non-ASCII text are left to the general reader, which agrees with JSONDecoder.
    @Test(arguments: samples)
    func theFastPathAgreesOrDeclines(_ metadata: EventMetadata) throws {
        let text = MetadataJSON.encode(metadata)
        let fast = Array(text.utf8).withUnsafeBufferPointer { MetadataJSON.decodeAsEncoded($0) }
        #expect(fast == nil || fast == metadata)
    }

    @Test(arguments: [
        #"{"correlation_id":"a","causation_id":"b"}"#, #" {"causation_id":"a"}"#, #"{"causation_id":"a"} "#,
        #"{"causation_id": "a"}"#, #"{"causation_id":"a",}"#, #"{"causation_id":"a","#, #"{"causation_id":"a""#,
        #"{"causation_id":null}"#, #"{"headers":{"k":1}}"#, #"{"headers":{"k":"v",}}"#, #"{"headers":{"k":"v"}"#,
        #"{"headers":{"k":"v"},"correlation_id":"x"}"#, #"{"causation_id":"a"b"}"#, #"{"causation_id":"zoë"}"#,
        "{\"causation_id\":\"a\u{1}\"}", #"{"other":"x"}"#, "{", "", #"{"causation_id":"a"}}"#,
    ])
    func anythingElseIsLeftToTheGeneralReader(_ text: String) throws {
        #expect(Array(text.utf8).withUnsafeBufferPointer { MetadataJSON.decodeAsEncoded($0) } == nil)
        // And the answer as a whole stays JSONDecoder's.
        let decoded = Array(text.utf8).withUnsafeBufferPointer { MetadataJSON.decodeMetadata($0) }
        if let decoded {
            #expect(decoded == (try JSONDecoder().decode(EventMetadata.self, from: Data(text.utf8))))
        }
    }

    @Test func emptyHeadersReadAsNoHeaders() {
        let text = #"{"correlation_id":"a","headers":{}}"#
        let fast = Array(text.utf8).withUnsafeBufferPointer { MetadataJSON.decodeAsEncoded($0) }
        #expect(fast == EventMetadata(correlationID: "a"))
    }

    /// The exact text written: stored in every row, and compared byte for byte by readers that
    /// look for a repeated append. Sorted keys, no whitespace, no empty members.
    @Test func theWrittenTextIsStable() {
        #expect(MetadataJSON.encode(EventMetadata()) == "{}")
        #expect(MetadataJSON.encode(EventMetadata(correlationID: "flow-1")) == #"{"correlation_id":"flow-1"}"#)
        #expect(MetadataJSON.encode(EventMetadata(causationID: "cmd-1")) == #"{"causation_id":"cmd-1"}"#)
        #expect(MetadataJSON.encode(EventMetadata(headers: ["b": "2", "a": "1"])) == #"{"headers":{"a":"1","b":"2"}}"#)
        #expect(MetadataJSON.encode(Self.samples[2]) == #"{"causation_id":"d","correlation_id":"c","headers":{"tenant":"h1","user":"zoë"}}"#)
        #expect(MetadataJSON.encode(Self.samples[3])
            == #"{"causation_id":"quote \" backslash \\ slash / newline \n tab \t bell \u0007 nul \u0000"}"#)
        #expect(MetadataJSON.encode(Self.samples[4]) == #"{"headers":{"":"empty key","cr":"\r","emoji 🏨":"😀"}}"#)
        #expect(MetadataJSON.encode(["x": "\u{1F}"]) == #"{"x":"\u001f"}"#)
        #expect(MetadataJSON.encode([String: String]()) == "{}")
    }
}
