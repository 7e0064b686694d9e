import EventSourcing
import Foundation

/// Event metadata and outbox headers as JSON text, without Foundation's JSON coders on the hot
/// path.
///
/// Every event carries metadata, so reading it with `JSONDecoder` would cost about as much as
/// decoding the payload itself and halve read throughput. The shape is tiny and fixed (two
/// optional strings and a string-to-string map), so a direct writer and a strict little reader
/// do it in a fraction of the time. The reader gives up (returns nil) on anything outside that
/// shape, and the caller then falls back to `JSONDecoder`, which stays the reference: the fast
/// path may only ever agree with it or decline.
package enum MetadataJSON {
    // MARK: Writing

    /// Compact JSON with sorted keys and no empty members; `{}` for empty metadata.
    ///
    /// Written into one buffer sized up front: this runs for every event appended, and
    /// concatenating pieces (a temporary String per key, the result regrown several times, the
    /// UTF-8 view walked generically) cost about 7 000 instructions per event, a twentieth of a
    /// one-event append's CPU; now under 2 000.
    package static func encode(_ metadata: EventMetadata) -> String {
        let causation = metadata.causationID, correlation = metadata.correlationID, headers = metadata.headers
        if correlation == nil, causation == nil, headers.isEmpty { return "{}" }
        var out = ""
        // The keys and punctuation, plus the text of the values; escapes, which are rare, may
        // still grow it.
        var capacity = 48 + (causation?.utf8.count ?? 0) + (correlation?.utf8.count ?? 0)
        for (key, value) in headers { capacity += key.utf8.count + value.utf8.count + 6 }
        out.reserveCapacity(capacity)
        out += "{"
        if let causation {
            out += #""causation_id":"#
            appendString(causation, to: &out)
        }
        if let correlation {
            if causation != nil { out += "," }
            out += #""correlation_id":"#
            appendString(correlation, to: &out)
        }
        if !headers.isEmpty {
            if causation != nil || correlation != nil { out += "," }
            out += #""headers":"#
            appendObject(headers, to: &out)
        }
        out += "}"
        return out
    }

    /// A string-to-string map as compact JSON with sorted keys.
    static func encode(_ map: [String: String]) -> String {
        if map.isEmpty { return "{}" }
        var out = ""
        appendObject(map, to: &out)
        return out
    }

    private static func appendObject(_ map: [String: String], to out: inout String) {
        out += "{"
        for (index, key) in map.keys.sorted().enumerated() {
            if index > 0 { out += "," }
            appendString(key, to: &out)
            out += ":"
            appendString(map[key] ?? "", to: &out)
        }
        out += "}"
    }

    private static func appendString(_ string: String, to out: inout String) {
        out += "\""
        func needsEscaping(_ byte: UInt8) -> Bool { byte < 0x20 || byte == 0x22 || byte == 0x5C }
        // Over the contiguous bytes when there are (native strings): the generic UTF-8 view
        // walk costs several times more, for every id of every event appended.
        let plain = string.utf8.withContiguousStorageIfAvailable { !$0.contains(where: needsEscaping) }
            ?? !string.utf8.contains(where: needsEscaping)
        if plain {
            out += string
        } else {
            for scalar in string.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case _ where scalar.value < 0x20:
                    out += "\\u00"
                    out += String(scalar.value >> 4, radix: 16)
                    out += String(scalar.value & 0xF, radix: 16)
                default: out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    // MARK: Reading

    /// Reads metadata written by `encode` (or any JSON of the same shape); nil when the text is
    /// outside the fast path's shape and `JSONDecoder` must decide.
    static func decodeMetadata(_ bytes: UnsafeBufferPointer<UInt8>) -> EventMetadata? {
        // The common cases first: no metadata at all.
        if bytes.count == 2, bytes[0] == UInt8(ascii: "{"), bytes[1] == UInt8(ascii: "}") { return EventMetadata() }
        // Then exactly what `encode` writes; the general reader takes everything else.
        if let metadata = decodeAsEncoded(bytes) { return metadata }
        var reader = Reader(bytes: bytes)
        var metadata = EventMetadata()
        let complete = reader.object { reader, key in
            switch key {
            case "correlation_id": return reader.optionalString(into: &metadata.correlationID)
            case "causation_id": return reader.optionalString(into: &metadata.causationID)
            case "headers":
                if reader.null() { return true }
                return reader.object { reader, key in
                    guard let value = reader.string() else { return false }
                    metadata.headers[key] = value
                    return true
                }
            default: return false
            }
        }
        return complete && reader.atEnd ? metadata : nil
    }

    /// Reads metadata in exactly the form `encode` writes it (keys in its order, no whitespace)
    /// with ASCII strings free of escapes: nearly every row. Nil for anything else, which
    /// `Reader` then reads, so this may only ever agree with it or decline.
    ///
    /// Why a second reader: metadata is decoded for every event read, and the general one
    /// (whitespace, `null`, keys in any order, escapes, a String per key) took about a third
    /// of `readStream`. Here keys are matched as whole byte strings and only values become
    /// Strings.
    static func decodeAsEncoded(_ bytes: UnsafeBufferPointer<UInt8>) -> EventMetadata? {
        guard let base = bytes.baseAddress else { return nil }
        var text = EncodedText(base: base, count: bytes.count)
        guard text.skip("{") else { return nil }
        var metadata = EventMetadata()
        var members = 0
        if text.key(#""causation_id":""#, after: members) {
            guard let value = text.plainString() else { return nil }
            metadata.causationID = value
            members += 1
        }
        if text.key(#""correlation_id":""#, after: members) {
            guard let value = text.plainString() else { return nil }
            metadata.correlationID = value
            members += 1
        }
        if text.key(#""headers":{"#, after: members), !text.skip("}") {
            repeat {
                guard text.skip(#"""#), let key = text.plainString(), text.skip(#":""#), let value = text.plainString() else {
                    return nil
                }
                metadata.headers[key] = value
            } while text.skip(",")
            guard text.skip("}") else { return nil }
        }
        return text.skip("}") && text.atEnd ? metadata : nil
    }

    /// A cursor over metadata text for `decodeAsEncoded`.
    private struct EncodedText {
        let base: UnsafePointer<UInt8>
        let count: Int
        var index = 0

        var atEnd: Bool { index == count }

        /// Moves past `literal` if the text continues with it.
        mutating func skip(_ literal: StaticString) -> Bool {
            let length = literal.utf8CodeUnitCount
            guard count - index >= length, memcmp(base + index, literal.utf8Start, length) == 0 else { return false }
            index += length
            return true
        }

        /// Moves past the object member opening `literal` (a key, its colon and the value's
        /// opening character), with the comma before it unless it is the first member.
        mutating func key(_ literal: StaticString, after members: Int) -> Bool {
            let start = index
            guard members == 0 || skip(","), skip(literal) else {
                index = start
                return false
            }
            return true
        }

        /// The rest of a string whose opening quote has been read, up to and past its closing
        /// quote; nil when it holds an escape, a control character or non-ASCII bytes.
        mutating func plainString() -> String? {
            let start = index
            while index < count {
                let byte = base[index]
                if byte == UInt8(ascii: "\"") {
                    let string = String(decoding: UnsafeBufferPointer(start: base + start, count: index - start), as: UTF8.self)
                    index += 1
                    return string
                }
                if byte < 0x20 || byte >= 0x80 || byte == UInt8(ascii: "\\") { return nil }
                index += 1
            }
            return nil
        }
    }

    /// Reads a JSON object of strings; nil when `JSONDecoder` must decide.
    static func decodeMap(_ bytes: UnsafeBufferPointer<UInt8>) -> [String: String]? {
        var reader = Reader(bytes: bytes)
        var map: [String: String] = [:]
        let complete = reader.object { reader, key in
            guard let value = reader.string() else { return false }
            map[key] = value
            return true
        }
        return complete && reader.atEnd ? map : nil
    }

    /// A strict reader for objects of strings. Every method returns false or nil, without
    /// throwing, when the input is not what it expects.
    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        var atEnd: Bool {
            mutating get {
                skipWhitespace()
                return index == bytes.count
            }
        }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        mutating func consume(_ byte: UInt8) -> Bool {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        mutating func null() -> Bool {
            skipWhitespace()
            guard index + 4 <= bytes.count, bytes[index] == UInt8(ascii: "n"), bytes[index + 1] == UInt8(ascii: "u"),
                  bytes[index + 2] == UInt8(ascii: "l"), bytes[index + 3] == UInt8(ascii: "l")
            else { return false }
            index += 4
            return true
        }

        mutating func optionalString(into value: inout String?) -> Bool {
            if null() {
                value = nil
                return true
            }
            guard let string = string() else { return false }
            value = string
            return true
        }

        /// `{ "key": <member>, ... }`, calling `member` with the reader positioned on the value.
        mutating func object(_ member: (inout Reader, String) -> Bool) -> Bool {
            guard consume(UInt8(ascii: "{")) else { return false }
            if consume(UInt8(ascii: "}")) { return true }
            while true {
                guard let key = string(), consume(UInt8(ascii: ":")), member(&self, key) else { return false }
                if consume(UInt8(ascii: ",")) { continue }
                return consume(UInt8(ascii: "}"))
            }
        }

        mutating func string() -> String? {
            guard consume(UInt8(ascii: "\"")) else { return nil }
            let start = index
            var escaped = false
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let raw = UnsafeBufferPointer(rebasing: bytes[start..<index])
                    index += 1
                    return escaped ? Self.unescape(raw) : Self.string(raw)
                }
                if byte < 0x20 { return nil }
                if byte == UInt8(ascii: "\\") {
                    escaped = true
                    index += 1  // skip the escaped character, so an escaped quote does not end the string
                }
                index += 1
            }
            return nil
        }

        private static func unescape(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
            var out: [UInt8] = []
            out.reserveCapacity(raw.count)
            var index = 0
            func hex4(_ at: Int) -> UInt32? {
                guard at + 4 <= raw.count else { return nil }
                var value: UInt32 = 0
                for byte in raw[at..<(at + 4)] {
                    guard let digit = hexDigit(byte) else { return nil }
                    value = value << 4 | digit
                }
                return value
            }
            while index < raw.count {
                let byte = raw[index]
                guard byte == UInt8(ascii: "\\") else {
                    out.append(byte)
                    index += 1
                    continue
                }
                guard index + 1 < raw.count else { return nil }
                let code = raw[index + 1]
                index += 2
                switch code {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(code)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    guard var value = hex4(index) else { return nil }
                    index += 4
                    if (0xD800..<0xDC00).contains(value) {
                        // A high surrogate must be followed by an escaped low surrogate.
                        guard index + 1 < raw.count, raw[index] == UInt8(ascii: "\\"), raw[index + 1] == UInt8(ascii: "u"),
                              let low = hex4(index + 2), (0xDC00..<0xE000).contains(low)
                        else { return nil }
                        index += 6
                        value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(value) else { return nil }
                    out.append(contentsOf: String(Character(scalar)).utf8)
                default: return nil
                }
            }
            return out.withUnsafeBufferPointer { string($0) }
        }

        /// Valid UTF-8 as a String, nil otherwise (JSONDecoder rejects invalid UTF-8 too).
        /// ASCII, nearly every id and header, skips the generic validating initializer, which
        /// costs more than the rest of the metadata parsing.
        private static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
            var ascii = true
            for byte in bytes where byte >= 0x80 {
                ascii = false
                break
            }
            return ascii ? String(decoding: bytes, as: UTF8.self) : String(validating: bytes, as: UTF8.self)
        }

        private static func hexDigit(_ byte: UInt8) -> UInt32? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
            default: nil
            }
        }
    }
}
