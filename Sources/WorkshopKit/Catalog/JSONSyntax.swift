/// Finds where JSON text stops being valid, because Foundation's decoder on Linux says only
/// "not valid JSON" and a manifest author needs the line and column.
struct JSONSyntax {
    private let bytes: [UInt8]
    private var index = 0

    /// The first syntax error as (byte offset, what was expected), or nil when the text parses.
    static func firstError(in bytes: [UInt8]) -> (offset: Int, expected: String)? {
        var parser = JSONSyntax(bytes: bytes)
        do {
            parser.skipSpace()
            try parser.value()
            parser.skipSpace()
            if parser.index < bytes.count { return (parser.index, "the end of the document") }
            return nil
        } catch {
            return (error.offset, error.expected)
        }
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private struct Failure: Error {
        let offset: Int
        let expected: String
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipSpace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(Failure) {
        skipSpace()
        guard current == byte else { throw Failure(offset: index, expected: what) }
        index += 1
    }

    private mutating func value() throws(Failure) {
        skipSpace()
        switch current {
        case UInt8(ascii: "{"):
            index += 1
            skipSpace()
            if current == UInt8(ascii: "}") { index += 1; return }
            while true {
                skipSpace()
                guard current == UInt8(ascii: "\"") else { throw Failure(offset: index, expected: "a quoted key") }
                try string()
                try expect(UInt8(ascii: ":"), "':' after the key")
                try value()
                skipSpace()
                if current == UInt8(ascii: ",") { index += 1; continue }
                try expect(UInt8(ascii: "}"), "',' or '}'")
                return
            }
        case UInt8(ascii: "["):
            index += 1
            skipSpace()
            if current == UInt8(ascii: "]") { index += 1; return }
            while true {
                try value()
                skipSpace()
                if current == UInt8(ascii: ",") { index += 1; continue }
                try expect(UInt8(ascii: "]"), "',' or ']'")
                return
            }
        case UInt8(ascii: "\""):
            try string()
        case let byte? where byte == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte):
            while let byte = current, "+-.eE0123456789".utf8.contains(byte) { index += 1 }
        default:
            for word in ["true", "false", "null"] where bytes[index...].starts(with: word.utf8) {
                index += word.utf8.count
                return
            }
            throw Failure(offset: index, expected: "a value")
        }
    }

    private mutating func string() throws(Failure) {
        index += 1
        while let byte = current {
            index += 1
            if byte == UInt8(ascii: "\\") { index += 1 } else if byte == UInt8(ascii: "\"") { return }
        }
        throw Failure(offset: index, expected: "the closing quote")
    }
}
