/// The last room of a floor.
public func lastRoom(_ rooms: [Int]) -> Int {
    // TODO: the index is off by one
    rooms[rooms.count]
}
