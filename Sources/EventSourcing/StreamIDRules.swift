/// What every store accepts as a stream id, so that one id means one stream everywhere.
///
/// ```swift
/// try StreamIDRules.validate("guest_stay-42")   // fine
/// try StreamIDRules.validate("a\u{0}b")         // InvalidStreamID: contains a NUL character
/// ```
///
/// The rules, and why:
/// - **Not empty.** An empty id is always a bug (an unset variable), never a stream.
/// - **No NUL character.** C strings end at NUL, so SQLite's text functions and PostgreSQL
///   (which refuses NUL in `text`) would cut or reject `"a\0b"`; two streams would merge.
/// - **At most `maximumUTF8Length` bytes of UTF-8.** Long enough for a category, a compound key
///   and a couple of UUIDs; short enough that the (stream, version) index keeps each key inside
///   its B-tree page in SQLite (no overflow pages) and far below PostgreSQL's B-tree row limit.
/// - **Compared exactly, Unicode scalar by Unicode scalar, never normalized.** `"café"` written
///   with a precomposed `é` (NFC) and with `e` plus a combining accent (NFD) are two different
///   streams in every store, and an id reads back exactly as it was written. This is what
///   EventStoreDB (stream names are UTF-8 bytes), Marten (PostgreSQL text with a deterministic
///   collation) and Emmett (JavaScript strings compare code units) do. Swift's own `==` on
///   `String` would call the two spellings equal, so stores compare `utf8` views instead.
///   Normalize ids where they are made (say, with `precomposedStringWithCanonicalMapping`) if
///   users can type them.
public enum StreamIDRules {
    /// The longest stream id, in bytes of UTF-8.
    public static let maximumUTF8Length = 256

    /// Throws `InvalidStreamID` when `streamID` breaks a rule.
    public static func validate(_ streamID: String) throws(InvalidStreamID) {
        let length = streamID.utf8.count
        if length == 0 { throw InvalidStreamID(streamID: streamID, rule: .empty) }
        if length > maximumUTF8Length {
            throw InvalidStreamID(streamID: streamID, rule: .tooLong(utf8Length: length, maximum: maximumUTF8Length))
        }
        if streamID.utf8.contains(0) { throw InvalidStreamID(streamID: streamID, rule: .containsNUL) }
    }

    /// Whether two ids name the same stream: the same Unicode scalars, not merely canonically
    /// equivalent text.
    public static func sameStream(_ first: String, _ second: String) -> Bool {
        first.utf8.elementsEqual(second.utf8)
    }
}
