import Foundation
import EventSourcing
import TerminalUI

/// A read model shown as a table: a list of flat objects (rows), or an object whose values are
/// flat objects (rows keyed by id). Anything else is shown as JSON.
struct ReadModelTable: Equatable {
    var columns: [String]
    var rows: [[String]]

    /// The table for `value`, or nil when it is not table-shaped.
    init?(_ value: JSONValue) {
        switch value {
        case .array(let items):
            let objects = items.compactMap(\.objectValue)
            guard !objects.isEmpty, objects.count == items.count, objects.allSatisfy(Self.isFlat) else { return nil }
            var columns: [String] = []
            for object in objects {
                for key in Self.orderedKeys(object) where !columns.contains(key) { columns.append(key) }
            }
            self.columns = columns
            rows = objects.map { object in columns.map { object[$0].map(Self.cell) ?? "" } }
        case .object(let entries):
            guard !entries.isEmpty else { return nil }
            var objects: [(String, [String: JSONValue])] = []
            for key in entries.keys.sorted() {
                guard let object = entries[key]?.objectValue, Self.isFlat(object) else { return nil }
                objects.append((key, object))
            }
            var columns: [String] = []
            for (_, object) in objects {
                for key in Self.orderedKeys(object) where !columns.contains(key) { columns.append(key) }
            }
            self.columns = ["key"] + columns
            rows = objects.map { key, object in [key] + columns.map { object[$0].map(Self.cell) ?? "" } }
        default:
            return nil
        }
    }

    /// The table as lines: a header, then the rows, with rows that `previous` lacks marked.
    func lines(previous: ReadModelTable?, glyphs: Glyphs) -> [Line] {
        let widths = columns.indices.map { index in
            min(28, max(columns[index].displayWidth, rows.map { $0[index].displayWidth }.max() ?? 0))
        }
        func format(_ cells: [String]) -> String {
            zip(cells, widths).map { cell, width in
                let shown = cell.displayWidth > width ? String(cell.prefix(max(0, width - 1))) + glyphs.ellipsis : cell
                return shown + String(repeating: " ", count: max(0, width - shown.displayWidth))
            }.joined(separator: "  ").trimmingTrailingSpaces
        }
        var lines = [Line("  " + format(columns), style: Style(isBold: true, isUnderlined: true))]
        let before = Set((previous?.columns == columns ? previous?.rows : nil) ?? [])
        for row in rows {
            let isNew = previous != nil && !before.contains(row)
            lines.append(isNew ? Line("+ " + format(row), style: Theme.changed) : Line("  " + format(row)))
        }
        return lines
    }

    private static func isFlat(_ object: [String: JSONValue]) -> Bool {
        object.values.allSatisfy { value in
            switch value {
            case .array, .object: false
            default: true
            }
        }
    }

    /// Keys with `id`-like ones first, so each row starts with what names it.
    private static func orderedKeys(_ object: [String: JSONValue]) -> [String] {
        object.keys.sorted { a, b in
            let aID = a.lowercased().hasSuffix("id"), bID = b.lowercased().hasSuffix("id")
            return aID != bID ? aID : a < b
        }
    }

    static func cell(_ value: JSONValue) -> String {
        switch value {
        case .null: "—"
        case .bool(let flag): flag ? "true" : "false"
        case .int(let number): String(number)
        case .double(let number): number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .string(let text): text
        case .array, .object: value.prettyPrinted.replacingOccurrences(of: "\n", with: " ")
        }
    }
}

extension String {
    /// The string without spaces at its end (table rows end where their text ends).
    var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
