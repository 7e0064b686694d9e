/// A size in terminal cells.
public struct Size: Hashable, Sendable, CustomStringConvertible {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// Whether a screen of this size is at least `minimum` in both directions.
    public func isAtLeast(_ minimum: Size) -> Bool {
        width >= minimum.width && height >= minimum.height
    }

    /// `80x24`: ASCII so it reads the same with `--ascii`.
    public var description: String { "\(width)x\(height)" }
}
