/// One check's outcome: its name as a sentence, and when it failed, why (expected vs actual).
public struct CheckResult: Codable, Sendable, Equatable {
    public var name: String
    public var passed: Bool
    public var message: String?

    public init(name: String, passed: Bool, message: String? = nil) {
        self.name = name
        self.passed = passed
        self.message = message
    }
}
