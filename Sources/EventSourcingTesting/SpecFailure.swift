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

    /// A message listing expected and actual values side by side, pointing at the first
    /// difference.
    public static func mismatch<T>(_ what: String, expected: [T], actual: [T], firstDifference: Int?) -> SpecFailure {
        var lines = ["\(what) differ."]
        lines.append("Expected \(expected.count):")
        lines += expected.enumerated().map { "  \($0.offset + 1). \(describe($0.element))" }
        if expected.isEmpty { lines.append("  (nothing)") }
        lines.append("Actual \(actual.count):")
        lines += actual.enumerated().map { "  \($0.offset + 1). \(describe($0.element))" }
        if actual.isEmpty { lines.append("  (nothing)") }
        if let firstDifference {
            lines.append("First difference at \(firstDifference + 1).")
        }
        return SpecFailure(lines.joined(separator: "\n"))
    }

    /// A value as a reader wants to see it: without the module prefix on every type name.
    public static func describe<T>(_ value: T) -> String {
        String(describing: value)
    }
}

/// The index of the first element where two lists differ, or nil when they are equal.
func firstDifference<T: Equatable>(_ expected: [T], _ actual: [T]) -> Int? {
    for index in 0..<max(expected.count, actual.count) {
        guard index < expected.count, index < actual.count, expected[index] == actual[index] else { return index }
    }
    return nil
}
