import Foundation

/// The first place where an expected and an actual value differ, as a path a learner can read:
/// `stays["s-1"].charges[1].amount: expected 60, actual 100`.
///
/// ```swift
/// if let difference = ValueDifference.first(expected: expectedStays, actual: stays, root: "stays") {
///     print(difference)   // stays["s-1"].charges[1].amount: expected 60, actual 100
/// }
/// ```
///
/// It walks both values with `Mirror`: struct fields by name, enum cases by name, arrays by
/// index, dictionaries by key, sets in sorted order. Leaves (numbers, strings, dates, ids)
/// compare by their printed form, so two values that print the same are the same here. Our own
/// rather than swift-custom-dump: the check programs are rebuilt on every save of the learner,
/// and this file costs nothing to link (the note of issue 15 has the measurement).
public struct ValueDifference: Sendable, Equatable, CustomStringConvertible {
    /// Where the values differ: `stays["s-1"].charges[1].amount`, or the root's name when the
    /// values differ as a whole.
    public let path: String
    /// The expected value at `path`, printed compactly (`ValuePrinter`).
    public let expected: String
    /// The actual value at `path`, printed compactly; `(missing)` when it is not there at all.
    public let actual: String
    /// A likely cause worth saying (a date that is the time the check ran), or nil.
    public let note: String?

    public var description: String {
        "\(path): expected \(expected), actual \(actual)" + (note.map { " (\($0))" } ?? "")
    }

    /// The first difference between `expected` and `actual`, or nil when they are the same.
    /// `root` names the whole value in the path (`events`, `stays`, `read model`).
    public static func first(expected: Any, actual: Any, root: String = "") -> ValueDifference? {
        walk(expected, actual, path: root, root: root)
    }

    static let missing = "(missing)"

    private static func walk(_ expected: Any, _ actual: Any, path: String, root: String) -> ValueDifference? {
        func here(_ expectedText: String? = nil, _ actualText: String? = nil) -> ValueDifference {
            ValueDifference(path: path.isEmpty ? "the value" : path,
                            expected: expectedText ?? ValuePrinter.compact(expected),
                            actual: actualText ?? ValuePrinter.compact(actual),
                            note: clockNote(expected, actual))
        }
        if let expectedLeaf = ValuePrinter.leaf(expected) {
            guard let actualLeaf = ValuePrinter.leaf(actual) else { return here() }
            return expectedLeaf == actualLeaf ? nil : here(expectedLeaf, actualLeaf)
        }
        guard type(of: expected) == type(of: actual) else { return here() }
        let expectedMirror = Mirror(reflecting: expected), actualMirror = Mirror(reflecting: actual)
        switch expectedMirror.displayStyle {
        case .optional:
            switch (expectedMirror.children.first?.value, actualMirror.children.first?.value) {
            case (nil, nil): return nil
            case (let expectedValue?, let actualValue?): return walk(expectedValue, actualValue, path: path, root: root)
            default: return here()
            }
        case .collection:
            return walkList(expectedMirror.children.map(\.value), actualMirror.children.map(\.value), path: path, root: root)
        case .set:
            let sorted = { (mirror: Mirror) in mirror.children.map(\.value).sorted { ValuePrinter.compact($0) < ValuePrinter.compact($1) } }
            return walkList(sorted(expectedMirror), sorted(actualMirror), path: path, root: root)
        case .dictionary:
            let expectedEntries = entries(expectedMirror), actualEntries = entries(actualMirror)
            for key in Set(expectedEntries.keys).union(actualEntries.keys).sorted() {
                let keyPath = "\(path)[\(key)]"
                switch (expectedEntries[key], actualEntries[key]) {
                case (let expectedValue?, let actualValue?):
                    if let difference = walk(expectedValue, actualValue, path: keyPath, root: root) { return difference }
                case (let expectedValue?, nil):
                    return ValueDifference(path: keyPath, expected: ValuePrinter.compact(expectedValue), actual: missing, note: nil)
                case (nil, let actualValue?):
                    return ValueDifference(path: keyPath, expected: missing, actual: ValuePrinter.compact(actualValue), note: nil)
                case (nil, nil):
                    continue
                }
            }
            return nil
        case .enum:
            let expectedCase = ValuePrinter.caseName(expected, expectedMirror), actualCase = ValuePrinter.caseName(actual, actualMirror)
            guard expectedCase == actualCase else { return here() }
            switch (expectedMirror.children.first?.value, actualMirror.children.first?.value) {
            case (nil, nil): return nil
            case (let expectedPayload?, let actualPayload?):
                return walk(expectedPayload, actualPayload, path: path.isEmpty ? expectedCase : "\(path).\(expectedCase)", root: root)
            default: return here()
            }
        default:
            let expectedChildren = Array(expectedMirror.children), actualChildren = Array(actualMirror.children)
            guard !expectedChildren.isEmpty || !actualChildren.isEmpty else {
                return ValuePrinter.compact(expected) == ValuePrinter.compact(actual) ? nil : here()
            }
            guard expectedChildren.map(\.label) == actualChildren.map(\.label) else { return here() }
            for (expectedChild, actualChild) in zip(expectedChildren, actualChildren) {
                let label = expectedChild.label ?? ""
                let childPath = label.hasPrefix(".") ? path + label : (path.isEmpty ? label : "\(path).\(label)")
                if let difference = walk(expectedChild.value, actualChild.value, path: childPath, root: root) { return difference }
            }
            return nil
        }
    }

    private static func walkList(_ expected: [Any], _ actual: [Any], path: String, root: String) -> ValueDifference? {
        for index in 0..<max(expected.count, actual.count) {
            let itemPath = "\(path)[\(index)]"
            guard index < expected.count else {
                return ValueDifference(path: itemPath, expected: "nothing (\(expected.count) in all)",
                                       actual: ValuePrinter.compact(actual[index]) + " (\(actual.count) in all)", note: nil)
            }
            guard index < actual.count else {
                return ValueDifference(path: itemPath, expected: ValuePrinter.compact(expected[index]) + " (\(expected.count) in all)",
                                       actual: "nothing (\(actual.count) in all)", note: nil)
            }
            if let difference = walk(expected[index], actual[index], path: itemPath, root: root) { return difference }
        }
        return nil
    }

    /// A dictionary's entries by their printed key (`"s-1"`), so keys of any type sort and match.
    private static func entries(_ mirror: Mirror) -> [String: Any] {
        var result: [String: Any] = [:]
        for child in mirror.children {
            let pair = Array(Mirror(reflecting: child.value).children)
            guard pair.count == 2 else { continue }
            result[ValuePrinter.compact(pair[0].value)] = pair[1].value
        }
        return result
    }

    /// A decider that reads the wall clock writes the time the check ran: say so, since the
    /// learner would otherwise see two unrelated-looking dates.
    private static func clockNote(_ expected: Any, _ actual: Any) -> String? {
        guard let expectedDate = expected as? Date, let actualDate = actual as? Date,
              abs(actualDate.timeIntervalSinceNow) < 3_600, abs(expectedDate.timeIntervalSinceNow) > 3_600 else { return nil }
        return "the actual time is when the check ran: take the time from the command or the event, not from Date()"
    }
}
