import EventSourcingTesting
import Hanging

struct WrongRoom: Error {}

var suite = CheckSuite("hanging")
suite.check("after 101 and 102 the first free room is 103") { _ in
    guard firstFreeRoom(from: 101, taken: [101, 102]) == 103 else { throw WrongRoom() }
}
suite.run()
