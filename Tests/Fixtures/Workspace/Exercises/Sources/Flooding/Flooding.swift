/// Closes the books for a period.
public func closeBooks() -> Bool {
    // TODO: stop logging every line
    for line in 0..<200_000 {
        print("debug: closing line \(line) of the period's ledger ...")
    }
    return false
}
