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
        withText(column) { text -> UUID? in
            guard text.count == 36 else { return nil }
            var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            let parsed = withUnsafeMutableBytes(of: &uuid) { bytes -> Bool in
                var index = 0
                for offset in 0..<16 {
                    if index == 8 || index == 13 || index == 18 || index == 23 {
                        guard text[index] == UInt8(ascii: "-") else { return false }
                        index += 1
                    }
                    guard let high = Self.hexValue(text[index]), let low = Self.hexValue(text[index + 1]) else { return false }
                    bytes[offset] = high << 4 | low
                    index += 2
                }
                return true
            }
            return parsed ? UUID(uuid: uuid) : nil
        } ?? nil
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
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
