import Foundation

/// Prints values the way a learner reads them: `OpenFolio(stayID: "s-1", balance: -60)`,
/// `.checkedIn`, `2026-03-14T14:00:00Z`, without module prefixes and on one line.
///
/// ```swift
/// ValuePrinter.compact(GuestStayDetails.Status.checkedIn)   // .checkedIn
/// ValuePrinter.compact(["s-1": folio])                      // ["s-1": OpenFolio(stayID: "s-1", ...)]
/// ```
///
/// Fields that are nil are left out: they are defaults more often than not, and the difference
/// line above the values says exactly which field differs.
public enum ValuePrinter {
    /// `value` on one line.
    public static func compact(_ value: Any) -> String {
        if let leaf = leaf(value) { return leaf }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.map { compact($0.value) } ?? "nil"
        case .collection:
            return "[" + mirror.children.map { compact($0.value) }.joined(separator: ", ") + "]"
        case .set:
            return "[" + mirror.children.map { compact($0.value) }.sorted().joined(separator: ", ") + "]"
        case .dictionary:
            let pairs = dictionaryPairs(mirror)
            return pairs.isEmpty ? "[:]" : "[" + pairs.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "]"
        case .enum:
            let name = "." + caseName(value, mirror)
            guard let payload = mirror.children.first?.value else { return name }
            let inner = Mirror(reflecting: payload)
            if inner.displayStyle == .tuple { return name + fields(inner) }
            return name + "(" + compact(payload) + ")"
        case .tuple:
            return fields(mirror)
        default:
            if mirror.children.isEmpty { return String(describing: value) }
            return typeName(value) + fields(mirror)
        }
    }

    /// `value` for a message: one line when short, otherwise a list or dictionary one element
    /// a line, each indented by `indent`.
    public static func block(_ value: Any, indent: String = "  ", width: Int = 100) -> String {
        let line = compact(value)
        guard line.count > width else { return line }
        let mirror = Mirror(reflecting: value)
        let items: [String]
        switch mirror.displayStyle {
        case .collection: items = mirror.children.map { compact($0.value) }
        case .set: items = mirror.children.map { compact($0.value) }.sorted()
        case .dictionary: items = dictionaryPairs(mirror).map { "\($0.key): \($0.value)" }
        default: return line
        }
        return "[\n" + items.map { indent + "  " + $0 + "," }.joined(separator: "\n") + "\n" + indent + "]"
    }

    /// The printed form of a value that has no parts worth walking into, or nil.
    static func leaf(_ value: Any) -> String? {
        switch value {
        case let string as String: return "\"\(string)\""
        case let substring as Substring: return "\"\(substring)\""
        case let character as Character: return "\"\(character)\""
        case let date as Date: return iso8601(date)
        case let id as UUID: return id.uuidString.lowercased()
        case let url as URL: return url.absoluteString
        case let data as Data: return String(data: data, encoding: .utf8).map { "\"\($0)\"" } ?? "\(data.count) bytes"
        case let decimal as Decimal: return "\(decimal)"
        case let bool as Bool: return "\(bool)"
        case let number as any BinaryInteger: return "\(number)"
        case let number as any BinaryFloatingPoint: return "\(number)"
        case let error as any Error where Mirror(reflecting: error).displayStyle == nil && Mirror(reflecting: error).children.isEmpty:
            return String(describing: error)
        default:
            let mirror = Mirror(reflecting: value)
            if mirror.displayStyle == .enum, mirror.children.isEmpty { return "." + caseName(value, mirror) }
            return nil
        }
    }

    /// A date as ISO 8601 in UTC, with milliseconds only when it has them.
    public static func iso8601(_ date: Date) -> String {
        let whole = date.timeIntervalSince1970.rounded(.down)
        let style = Date.ISO8601FormatStyle(timeZone: .gmt)
        if date.timeIntervalSince1970 == whole { return date.formatted(style) }
        return date.formatted(style.time(includingFractionalSeconds: true))
    }

    /// The name of an enum value's case, without its payload or type.
    static func caseName(_ value: Any, _ mirror: Mirror) -> String {
        if let label = mirror.children.first?.label { return label }
        let text = String(describing: value)
        return String(text.prefix { $0 != "(" })
    }

    /// A type's name without its module: `Status`, `EventEnvelope<GuestStayEvent>`.
    static func typeName(_ value: Any) -> String {
        String(describing: type(of: value))
    }

    private static func fields(_ mirror: Mirror) -> String {
        let parts = mirror.children.compactMap { child -> String? in
            let childMirror = Mirror(reflecting: child.value)
            if childMirror.displayStyle == .optional, childMirror.children.isEmpty { return nil }
            let text = compact(child.value)
            guard let label = child.label, !label.hasPrefix(".") else { return text }
            return "\(label): \(text)"
        }
        return "(" + parts.joined(separator: ", ") + ")"
    }

    private static func dictionaryPairs(_ mirror: Mirror) -> [(key: String, value: String)] {
        mirror.children.compactMap { child -> (key: String, value: String)? in
            let pair = Array(Mirror(reflecting: child.value).children)
            guard pair.count == 2 else { return nil }
            return (compact(pair[0].value), compact(pair[1].value))
        }.sorted { $0.key < $1.key }
    }
}
