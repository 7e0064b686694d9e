/// A failed expectation in a spec, with a message that shows expected against actual.
///
/// Specs throw it instead of calling a test framework, so the same specs run under Swift Testing
/// (`try spec...` fails the test with this message) and inside an exercise's check program.
public struct SpecFailure: Error, Sendable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }

    /// A message listing expected and actual values one a line, the first difference marked
    /// with `>` and named field by field (`2.chargeRecorded.amount: expected 60, actual 100`).
    /// With `firstDifference` nil, it finds the first difference itself.
    public static func mismatch<T>(_ what: String, expected: [T], actual: [T], firstDifference: Int? = nil) -> SpecFailure {
        var lines: [String] = []
        let firstDifference = firstDifference ?? (0..<max(expected.count, actual.count)).first { index in
            index >= expected.count || index >= actual.count || ValueDifference.first(expected: expected[index], actual: actual[index]) != nil
        }
        if let index = firstDifference {
            let detail: String
            if index < expected.count, index < actual.count {
                detail = ValueDifference.first(expected: expected[index], actual: actual[index]).map { ": \($0)" } ?? "."
            } else if index < expected.count {
                detail = ": expected \(describe(expected[index])), actual nothing"
            } else {
                detail = ": expected nothing, actual \(describe(actual[index]))"
            }
            lines.append("\(what) differ at \(index + 1)\(detail)")
        } else {
            lines.append("\(what) differ.")
        }
        func numbered(_ list: [T]) -> [String] {
            list.isEmpty ? ["    (nothing)"] : list.enumerated().map {
                ($0.offset == firstDifference ? "  > " : "    ") + "\($0.offset + 1). \(describe($0.element))"
            }
        }
        lines.append("Expected \(expected.count):")
        lines += numbered(expected)
        lines.append("Actual \(actual.count):")
        lines += numbered(actual)
        return SpecFailure(lines.joined(separator: "\n"))
    }

    /// A message naming the first differing field of two values, then both values compactly;
    /// nil when they are the same.
    ///
    /// ```swift
    /// if let failure = SpecFailure.differs("The read model", expected: expected, actual: actual, root: "stays") { throw failure }
    /// // The read model differs at stays["s-1"].charges[1].amount: expected 60, actual 100
    /// //   expected: ["s-1": GuestStayDetails(stayID: "s-1", ...)]
    /// //   actual:   ["s-1": GuestStayDetails(stayID: "s-1", ...)]
    /// ```
    public static func differs(_ what: String, expected: Any, actual: Any, root: String = "", situation: String? = nil) -> SpecFailure? {
        guard let difference = ValueDifference.first(expected: expected, actual: actual, root: root) else { return nil }
        var lines = situation.map { [$0] } ?? []
        lines.append("\(what) differs at \(difference)")
        lines.append("  expected: " + ValuePrinter.block(expected, indent: "  "))
        lines.append("  actual:   " + ValuePrinter.block(actual, indent: "  "))
        return SpecFailure(lines.joined(separator: "\n"))
    }

    /// A value as a reader wants to see it: on one line, without the module prefix on every type
    /// name, dates in ISO 8601.
    public static func describe<T>(_ value: T) -> String {
        ValuePrinter.compact(value)
    }

    /// What the learner's code did when it threw `error`, as a sentence part:
    /// `threw .balanceNotSettled (GuestStayError)`.
    public static func threw(_ error: any Error) -> String {
        if let failure = error as? SpecFailure { return failure.message }
        let printed = ValuePrinter.compact(error)
        let type = ValuePrinter.typeName(error)
        return printed.hasPrefix(type) ? "threw \(printed)" : "threw \(printed) (\(type))"
    }
}

/// Throws a `SpecFailure` naming the first differing field when `actual` is not `expected`.
///
/// ```swift
/// try expectEqual(expected: expectedBoards, actual: boards, "The boards", root: "boards", situation: "Seed 4:")
/// ```
public func expectEqual<T: Equatable>(expected: T, actual: T, _ what: String, root: String = "", situation: String? = nil) throws {
    guard expected != actual else { return }
    throw SpecFailure.differs(what, expected: expected, actual: actual, root: root, situation: situation)
        ?? SpecFailure([situation, "\(what) differs (they print the same: \(ValuePrinter.compact(actual)))"].compactMap { $0 }.joined(separator: "\n"))
}

/// The index of the first element where two lists differ, or nil when they are equal.
func firstDifference<T: Equatable>(_ expected: [T], _ actual: [T]) -> Int? {
    for index in 0..<max(expected.count, actual.count) {
        guard index < expected.count, index < actual.count, expected[index] == actual[index] else { return index }
    }
    return nil
}
