/// Where a long run stands: `done` of `total` units (events, stays) of the phase named `title`.
public struct RunProgress: Codable, Sendable, Equatable, Hashable {
    /// What is running, in words: "v2 rebuilding from position 0".
    public var title: String
    public var done: Int64
    public var total: Int64
    /// A line of detail under the gauge ("lag 12 500 events, serving guest_balances_v1").
    public var detail: String?

    public init(title: String, done: Int64, total: Int64, detail: String? = nil) {
        self.title = title
        self.done = done
        self.total = total
        self.detail = detail
    }

    /// `done / total` in 0...1 (1 when there is nothing to do).
    public var fraction: Double {
        total <= 0 ? 1 : min(1, max(0, Double(done) / Double(total)))
    }
}
