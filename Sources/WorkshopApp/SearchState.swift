/// A search typed after `/`: the query, whether it is still being typed, and in which pane.
public struct SearchState: Sendable, Hashable {
    public var query: String = ""
    /// True while the learner types; Enter or Esc ends it.
    public var isEditing = false

    public init(query: String = "", isEditing: Bool = false) {
        self.query = query
        self.isEditing = isEditing
    }

    /// Whether `text` holds the query, ignoring case.
    public func matches(_ text: String) -> Bool {
        !query.isEmpty && text.localizedCaseInsensitiveContains(query)
    }
}
