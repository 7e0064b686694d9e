import Broken
import EventSourcingTesting

struct WrongRate: Error {}

var suite = CheckSuite("broken")
suite.check("the nightly rate is 12000 cents") { _ in
    guard nightlyRate() == 12000 else { throw WrongRate() }
}
suite.run()
