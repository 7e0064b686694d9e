/// How many events a stream holds.
public func tally(_ events: [String]) -> Int {
    events.count
}
