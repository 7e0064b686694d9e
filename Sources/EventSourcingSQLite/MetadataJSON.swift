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
    package static func encode(_ metadata: EventMetadata) -> String {
        if metadata.correlationID == nil, metadata.causationID == nil, metadata.headers.isEmpty { return "{}" }
        var out = "{"
        var separator = ""
        if let causation = metadata.causationID {
            out += separator + "\"causation_id\":"
            appendString(causation, to: &out)
            separator = ","
        }
        if let correlation = metadata.correlationID {
            out += separator + "\"correlation_id\":"
            appendString(correlation, to: &out)
            separator = ","
        }
        if !metadata.headers.isEmpty {
            out += separator + "\"headers\":"
            appendObject(metadata.headers, to: &out)
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
        if !string.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
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
