/// Splits a command line as printed by `swiftc -###` and `clang -###` into its arguments,
/// following POSIX shell quoting (the drivers quote arguments that hold spaces or specials).
enum ShellWords {
    /// The arguments of `line`, or nil when its quotes do not balance.
    static func split(_ line: Substring) -> [String]? {
        var words: [String] = []
        var word = ""
        var inWord = false
        var iterator = line.makeIterator()
        while let character = iterator.next() {
            switch character {
            case " ", "\t":
                if inWord { words.append(word) }
                word = ""
                inWord = false
            case "'":
                inWord = true
                var closed = false
                while let next = iterator.next() {
                    if next == "'" { closed = true; break }
                    word.append(next)
                }
                guard closed else { return nil }
            case "\"":
                inWord = true
                var closed = false
                while let next = iterator.next() {
                    if next == "\"" { closed = true; break }
                    if next == "\\" {
                        guard let escaped = iterator.next() else { return nil }
                        if !"\\\"$`".contains(escaped) { word.append("\\") }
                        word.append(escaped)
                    } else {
                        word.append(next)
                    }
                }
                guard closed else { return nil }
            case "\\":
                inWord = true
                guard let escaped = iterator.next() else { return nil }
                word.append(escaped)
            default:
                inWord = true
                word.append(character)
            }
        }
        if inWord { words.append(word) }
        return words
    }
}
