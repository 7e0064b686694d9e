/// Closes the books for a period.
public func closeBooks() -> Bool {
    true
}
