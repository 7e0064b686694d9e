import Foundation

/// How events, read models and traces are written as JSON: sorted keys (stable bytes for golden
/// files and diffs) and dates as ISO 8601 text (readable in a database browser or a log, and
/// unambiguous across languages; Foundation's default is seconds since 2001, which is neither).
public enum JSONCoding {
    /// Shared instances: Foundation's coders are thread-safe to use once configured, and making
    /// one per event costs more than decoding a small event.
    static let sharedEncoder = encoder()
    static let sharedDecoder = decoder()

    /// The encoder for stored events and read models.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(iso8601(date))
        }
        return encoder
    }

    /// The decoder matching `encoder()`: ISO 8601 dates, with or without fractional seconds.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = date(iso8601: text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not an ISO 8601 date")
            }
            return date
        }
        return decoder
    }

    /// `2026-03-14T14:00:00Z`, with milliseconds only when the date has them.
    public static func iso8601(_ date: Date) -> String {
        let whole = date.timeIntervalSince1970.rounded(.down) == date.timeIntervalSince1970
        return date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: !whole))
    }

    /// Parses ISO 8601 text with or without fractional seconds.
    public static func date(iso8601 text: String) -> Date? {
        (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text))
            ?? (try? Date.ISO8601FormatStyle().parse(text))
    }
}
