/// What a writer believes about a stream when it appends: the basis of optimistic concurrency.
///
/// Stream versions start at 1 for the first event; a stream with no events has no version.
public enum ExpectedVersion: Sendable, Hashable, CustomStringConvertible {
    /// Append whatever the stream's state (no concurrency check).
    case any
    /// The stream must not exist yet.
    case noStream
    /// The stream must have at least one event.
    case streamExists
    /// The stream's last event must have exactly this version.
    case exact(Int64)

    /// Whether a stream in `state` satisfies this expectation.
    public func isSatisfied(by state: StreamState) -> Bool {
        switch (self, state) {
        case (.any, _): true
        case (.noStream, .noStream): true
        case (.noStream, .exists): false
        case (.streamExists, .exists): true
        case (.streamExists, .noStream): false
        case (.exact(let expected), .exists(let version)): expected == version
        case (.exact, .noStream): false
        }
    }

    public var description: String {
        switch self {
        case .any: "any"
        case .noStream: "no stream"
        case .streamExists: "stream exists"
        case .exact(let version): "version \(version)"
        }
    }
}

/// Where a stream stands.
public enum StreamState: Sendable, Hashable, CustomStringConvertible {
    case noStream
    case exists(version: Int64)

    /// The version of the last event, 0 when there is none.
    public var version: Int64 {
        switch self {
        case .noStream: 0
        case .exists(let version): version
        }
    }

    /// The expectation to append with so that nobody else wrote in between.
    public var expectedVersion: ExpectedVersion {
        switch self {
        case .noStream: .noStream
        case .exists(let version): .exact(version)
        }
    }

    public var description: String {
        switch self {
        case .noStream: "no stream"
        case .exists(let version): "version \(version)"
        }
    }
}
