import Foundation

/// The time a query is allowed to wait, injected so tests need no real sleeping.
public protocol WaitClock: Sendable {
    /// Time elapsed since some fixed start.
    func now() -> Duration
    /// Waits `duration` (while the projection works in the background).
    func sleep(for duration: Duration) throws
}

/// The real clock.
public struct SystemWaitClock: WaitClock {
    private let start = ContinuousClock.now

    public init() {}

    public func now() -> Duration { ContinuousClock.now - start }

    public func sleep(for duration: Duration) throws {
        let (seconds, attoseconds) = duration.components
        Thread.sleep(forTimeInterval: Double(seconds) + Double(attoseconds) / 1e18)
    }
}

/// The read model did not reach the position the client waited for in time. The write itself
/// is safe in the log: only the read side is behind.
public struct ReadModelLagging: Error, Sendable, Equatable, CustomStringConvertible {
    public let readModel: String
    /// The position the client's own write landed at.
    public let waitedFor: Int64
    /// The position the read model had reached when the client gave up.
    public let reached: Int64
    public let timeout: Duration

    public init(readModel: String, waitedFor: Int64, reached: Int64, timeout: Duration) {
        self.readModel = readModel
        self.waitedFor = waitedFor
        self.reached = reached
        self.timeout = timeout
    }

    public var description: String {
        "\(readModel) has not reached position \(waitedFor) after \(timeout) (it is at \(reached)). "
            + "Your change is saved; the list is just not up to date yet. Try again in a moment."
    }
}
