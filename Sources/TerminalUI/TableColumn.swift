/// A table column: its header, how wide it is, and which side its cells line up on.
public struct TableColumn: Hashable, Sendable {
    /// Which side of the column a cell's text lines up on.
    public enum Alignment: Hashable, Sendable {
        case leading, trailing
    }

    public var title: String
    public var width: Constraint
    public var alignment: Alignment

    public init(_ title: String, width: Constraint = .fill, alignment: Alignment = .leading) {
        self.title = title
        self.width = width
        self.alignment = alignment
    }
}
