import Foundation

/// What went wrong with a class, as one sentence that can be shown as it is: never a password,
/// never a token.
public struct ClassError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The server cannot be reached (down, wrong host or port, no network).
        case unreachable
        /// The URL's credentials are refused: wrong, expired, or the class was dropped.
        case refused
        /// The name is taken, or not a name.
        case name
        /// The input does not parse (URL, class name).
        case input
        /// The class already exists, or the server refused something else.
        case server
    }

    public let kind: Kind
    public let description: String

    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }

    /// Whether a later try may succeed without anyone changing anything (the relay backs off
    /// and tries again; for anything else it stops and says why).
    public var isTransient: Bool { kind == .unreachable }
}
