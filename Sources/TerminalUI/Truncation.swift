/// Shortening text to a number of columns with an ellipsis.
enum Truncation {
    /// `text` if it fits in `width` columns, otherwise its start plus `ellipsis`.
    static func fit(_ text: String, width: Int, ellipsis: String) -> String {
        guard text.displayWidth > width else { return text }
        let ellipsisWidth = ellipsis.displayWidth
        guard width > ellipsisWidth else { return prefix(text, width: width) }
        // "a rather…" reads better than "a rather …".
        let start = prefix(text, width: width - ellipsisWidth)
        return String(start.reversed().drop { $0 == " " }.reversed()) + ellipsis
    }

    /// The longest start of `text` that fits in `width` columns.
    static func prefix(_ text: String, width: Int) -> String {
        var result = ""
        var used = 0
        for character in text {
            let w = character.isControl ? 1 : character.displayWidth
            if used + w > width { break }
            result.append(character)
            used += w
        }
        return result
    }
}
