/// The first free room, searching upwards from `start`.
public func firstFreeRoom(from start: Int, taken: Set<Int>) -> Int {
    var room = start
    while taken.contains(room) {
        room += 1
    }
    return room
}
