/// The first free room, searching upwards from `start`.
public func firstFreeRoom(from start: Int, taken: Set<Int>) -> Int {
    var room = start
    // TODO: this loop never moves on
    while taken.contains(room) || room >= 0 {
        _ = room
    }
    return room
}
