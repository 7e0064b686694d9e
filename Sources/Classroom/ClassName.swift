/// A class's name: the suffix of its PostgreSQL schema and roles, so a plain identifier.
public enum ClassName {
    public static let maximumLength = 30

    /// Nil when `name` can name a class, else a sentence saying why not.
    public static func problem(with name: String) -> String? {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first) else {
            return "A class name starts with a lower-case letter (a–z)."
        }
        guard name.count <= maximumLength,
              name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" })
        else {
            return "A class name is at most \(maximumLength) lower-case letters, digits and _."
        }
        return nil
    }

    static func schema(_ name: String) -> String { "class_\(name)" }
    static func attendeeRole(_ name: String) -> String { "class_\(name)_attendee" }
    static func boardRole(_ name: String) -> String { "class_\(name)_board" }

    /// The class a join or board URL's role belongs to (`class_NAME_attendee` → `NAME`).
    static func fromRole(_ role: String) -> String? {
        for suffix in ["_attendee", "_board"] where role.hasPrefix("class_") && role.hasSuffix(suffix) {
            let name = String(role.dropFirst("class_".count).dropLast(suffix.count))
            return problem(with: name) == nil ? name : nil
        }
        return nil
    }
}
