import Foundation
import GRDB
import GRDBSQLite

/// Typed, checked access to the current row of a stepped statement, straight from SQLite's C
/// API.
///
/// GRDB's typed row accessors stop the process when a column does not hold the expected type;
/// a store must instead report a damaged row and let the reader continue. Reading the columns
/// directly is also what keeps the store close to a hand-written sqlite3 loop on the read
/// path: no intermediate `DatabaseValue`, one copy per column.
struct StatementColumns {
    let statement: SQLiteStatement

    func type(_ column: Int32) -> Int32 { sqlite3_column_type(statement, column) }

    func typeName(_ column: Int32) -> String {
        switch type(column) {
        case SQLITE_INTEGER: "an integer"
        case SQLITE_FLOAT: "a real"
        case SQLITE_TEXT: "text"
        case SQLITE_BLOB: "a blob"
        default: "NULL"
        }
    }

    func int64(_ column: Int32) -> Int64? {
        type(column) == SQLITE_INTEGER ? sqlite3_column_int64(statement, column) : nil
    }

    /// A REAL or INTEGER column as a Double.
    func double(_ column: Int32) -> Double? {
        switch type(column) {
        case SQLITE_FLOAT, SQLITE_INTEGER: sqlite3_column_double(statement, column)
        default: nil
        }
    }

    /// Calls `body` with the bytes of a TEXT column, nil for any other type.
    func withText<Result>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
        guard type(column) == SQLITE_TEXT else { return nil }
        // sqlite3_column_text before sqlite3_column_bytes, as SQLite's documentation asks.
        let pointer = sqlite3_column_text(statement, column)
        let count = Int(sqlite3_column_bytes(statement, column))
        return body(UnsafeBufferPointer(start: pointer, count: count))
    }

    func text(_ column: Int32) -> String? {
        withText(column) { String(decoding: $0, as: UTF8.self) }
    }

    /// A BLOB column; TEXT is accepted too (a payload inserted by hand in a SQL shell).
    func data(_ column: Int32) -> Data? {
        switch type(column) {
        case SQLITE_BLOB:
            guard let pointer = sqlite3_column_blob(statement, column) else { return Data() }
            return Data(bytes: pointer, count: Int(sqlite3_column_bytes(statement, column)))
        case SQLITE_TEXT:
            return withText(column) { Data(buffer: $0) }
        default:
            return nil
        }
    }

    /// A UUID stored as its 36-character text form, parsed without an intermediate String.
    func uuid(_ column: Int32) -> UUID? {
        withText(column, Self.uuid) ?? nil
    }

    /// A UUID from its 36-character text form, either case, nil for anything else.
    ///
    /// One pass over the bytes into two integers, without branches that depend on the digits
    /// (in a random id they are unpredictable): this runs for every event read, and the
    /// byte-by-byte version was a seventh of `readStream`.
    static func uuid(_ text: UnsafeBufferPointer<UInt8>) -> UUID? {
        guard text.count == 36, let bytes = text.baseAddress else { return nil }
        let dash = UInt8(ascii: "-")
        guard bytes[8] == dash, bytes[13] == dash, bytes[18] == dash, bytes[23] == dash else { return nil }
        // Any byte that is not a hex digit makes its value 16 or more; `seen` collects them all.
        var seen: UInt32 = 0
        func digits(_ range: Range<Int>, into value: inout UInt64) {
            for index in range {
                let byte = UInt32(bytes[index])
                let digit = byte &- UInt32(UInt8(ascii: "0"))
                // Setting bit 0x20 lowercases A-F and maps no other byte onto a-f; bytes below
                // "a" wrap around to huge values.
                let letter = (byte | 0x20) &- UInt32(UInt8(ascii: "a"))
                let nibble = digit < 10 ? digit : letter < 6 ? letter + 10 : 16
                seen |= nibble
                value = value << 4 | UInt64(nibble & 0xF)
            }
        }
        var high: UInt64 = 0
        var low: UInt64 = 0
        digits(0..<8, into: &high)
        digits(9..<13, into: &high)
        digits(14..<18, into: &high)
        digits(19..<23, into: &low)
        digits(24..<36, into: &low)
        guard seen < 16 else { return nil }
        func byte(_ value: UInt64, _ index: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: value >> (56 - 8 * index)) }
        return UUID(uuid: (
            byte(high, 0), byte(high, 1), byte(high, 2), byte(high, 3), byte(high, 4), byte(high, 5), byte(high, 6), byte(high, 7),
            byte(low, 0), byte(low, 1), byte(low, 2), byte(low, 3), byte(low, 4), byte(low, 5), byte(low, 6), byte(low, 7)))
    }
}

extension Statement {
    /// Steps through the rows for `arguments`, calling `body` with each row's columns until it
    /// returns false.
    func forEachRow(arguments: StatementArguments, _ body: (StatementColumns) throws -> Bool) throws {
        let cursor = try Row.fetchCursor(self, arguments: arguments)
        let columns = StatementColumns(statement: sqliteStatement)
        while try cursor.next() != nil {
            guard try body(columns) else { return }
        }
    }
}
