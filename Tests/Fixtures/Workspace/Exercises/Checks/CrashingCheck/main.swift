import Crashing
import EventSourcingTesting

struct WrongRoom: Error {}

var suite = CheckSuite("crashing")
suite.check("a report line comes before the crash") { _ in }
suite.check("the last room of 101, 102, 103 is 103") { _ in
    guard lastRoom([101, 102, 103]) == 103 else { throw WrongRoom() }
}
suite.run()
