import EventSourcing
import Foundation

/// The history's dates and ids as text, written byte by byte.
///
/// Why not Foundation: `Date.ISO8601FormatStyle`, `Calendar.dateComponents`, `String(format:)`
/// and `UUID.uuidString` were more than half the cost of generating an event, and the seeder
/// should be bounded by the store, not by formatting. These write exactly the characters
/// Foundation writes for the values the history uses (UTC, whole seconds, years 1970 to 9999),
/// which `SeedTests` checks; a date outside them goes to Foundation.
enum HistoryText {
    /// `"2025-03-14T15:07:00Z"`, quotes included: `JSONCoding.iso8601` of a whole-second date.
    static func quotedISO8601(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970
        guard seconds.rounded(.down) == seconds, seconds >= 0, seconds < 253_402_300_800 else {
            return "\"" + JSONCoding.iso8601(date) + "\""
        }
        let whole = Int(seconds)
        let (year, month, day) = civil(daysSince1970: whole / 86_400)
        let time = whole % 86_400
        return String(unsafeUninitializedCapacity: 22) { buffer in
            var writer = Writer(buffer: buffer)
            writer.byte(UInt8(ascii: "\""))
            writer.date(year: year, month: month, day: day)
            writer.byte(UInt8(ascii: "T"))
            writer.digits(time / 3_600, count: 2)
            writer.byte(UInt8(ascii: ":"))
            writer.digits(time / 60 % 60, count: 2)
            writer.byte(UInt8(ascii: ":"))
            writer.digits(time % 60, count: 2)
            writer.byte(UInt8(ascii: "Z"))
            writer.byte(UInt8(ascii: "\""))
            return writer.count
        }
    }

    /// `2025-03-14`: the UTC date of a day counted from 1970-01-01 (day 0 to year 9999).
    static func date(daysSince1970 days: Int) -> String {
        let (year, month, day) = civil(daysSince1970: days)
        return String(unsafeUninitializedCapacity: 10) { buffer in
            var writer = Writer(buffer: buffer)
            writer.date(year: year, month: month, day: day)
            return writer.count
        }
    }

    /// `prefix` and the UUID as `UUID.uuidString` writes it (upper case), or its lower case.
    static func uuid(_ id: UUID, prefix: StaticString = "", lowercase: Bool = false) -> String {
        let digits: StaticString = lowercase ? "0123456789abcdef" : "0123456789ABCDEF"
        return String(unsafeUninitializedCapacity: prefix.utf8CodeUnitCount + 36) { buffer in
            var writer = Writer(buffer: buffer)
            prefix.withUTF8Buffer { for byte in $0 { writer.byte(byte) } }
            digits.withUTF8Buffer { hex in
                withUnsafeBytes(of: id.uuid) { bytes in
                    for (index, byte) in bytes.enumerated() {
                        if index == 4 || index == 6 || index == 8 || index == 10 { writer.byte(UInt8(ascii: "-")) }
                        writer.byte(hex[Int(byte >> 4)])
                        writer.byte(hex[Int(byte & 0x0F)])
                    }
                }
            }
            return writer.count
        }
    }

    /// The proleptic Gregorian date of a day counted from 1970-01-01 (Howard Hinnant's
    /// `civil_from_days`, for days >= 0).
    static func civil(daysSince1970 days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468  // days since 0000-03-01: leap days fall at the end of a year
        let era = shifted / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153  // 0 is March
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Writes ASCII into a string's uninitialized storage; the capacity is worked out by the caller.
    private struct Writer {
        let buffer: UnsafeMutableBufferPointer<UInt8>
        var count = 0

        mutating func byte(_ byte: UInt8) {
            buffer[count] = byte
            count += 1
        }

        /// `value` in decimal, zero-padded to `count` digits.
        mutating func digits(_ value: Int, count digits: Int) {
            var rest = value
            for index in stride(from: count + digits - 1, through: count, by: -1) {
                buffer[index] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            }
            count += digits
        }

        mutating func date(year: Int, month: Int, day: Int) {
            digits(year, count: 4)
            byte(UInt8(ascii: "-"))
            digits(month, count: 2)
            byte(UInt8(ascii: "-"))
            digits(day, count: 2)
        }
    }
}
