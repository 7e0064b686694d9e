/// The last room of a floor.
public func lastRoom(_ rooms: [Int]) -> Int {
    rooms[rooms.count - 1]
}
