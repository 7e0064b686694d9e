import EventSourcingTesting
import Flooding

struct NotClosed: Error {}

var suite = CheckSuite("flooding")
suite.check("the books close") { _ in
    guard closeBooks() else { throw NotClosed() }
}
suite.run()
