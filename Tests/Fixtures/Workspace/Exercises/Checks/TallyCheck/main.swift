import EventSourcingTesting
import Tally

struct Mismatch: Error, CustomStringConvertible {
    let expected: Int, actual: Int
    var description: String { "expected \(expected), got \(actual)" }
}

var suite = CheckSuite("tally")
suite.check("an empty stream counts zero") { trace in
    trace.step("count []")
    guard tally([]) == 0 else { throw Mismatch(expected: 0, actual: tally([])) }
}
suite.check("two events count two") { trace in
    trace.step("count [CheckedIn, CheckedOut]")
    let actual = tally(["CheckedIn", "CheckedOut"])
    guard actual == 2 else { throw Mismatch(expected: 2, actual: actual) }
}
suite.run()
