import EventSourcingTesting
import Foundation
import Tally

/// A check's own verdict goes through SpecFailure, as the real checks' do: its message is shown
/// as it is (any other error is reported as something the exercise's code threw).
func mismatch(expected: Int, actual: Int) -> SpecFailure {
    SpecFailure("expected \(expected), got \(actual)")
}

var suite = CheckSuite("tally")
suite.check("an empty stream counts zero") { trace in
    trace.step("count []")
    guard tally([]) == 0 else { throw mismatch(expected: 0, actual: tally([])) }
}
suite.check("two events count two") { trace in
    trace.step("count [CheckedIn, CheckedOut]")
    let actual = tally(["CheckedIn", "CheckedOut"])
    guard actual == 2 else { throw mismatch(expected: 2, actual: actual) }
}
// The full-size run: the learner's tally over the sample store's bytes, a "page" of 1 KiB
// per event, ten pages at a time, with progress and a step per 25%.
suite.fullSizeRun("tally counts the sample store's pages") { run in
    let size = try FileManager.default.attributesOfItem(atPath: run.storePath)[.size] as? Int ?? 0
    let pages = (size + 1_023) / 1_024
    var counted = 0, reported = 0
    for start in stride(from: 0, to: pages, by: 10) {
        counted += tally(Array(repeating: "page", count: min(10, pages - start)))
        run.progress("counting pages", done: Int64(min(start + 10, pages)), total: Int64(pages), detail: "\(counted) counted")
        if (start + 10) * 4 / max(pages, 1) > reported {
            reported += 1
            run.trace.step("counted \(counted) of \(pages) pages", readModels: ["Pages": ["counted": .int(Int64(counted)), "total": .int(Int64(pages))]])
        }
    }
    guard counted == pages else { throw mismatch(expected: pages, actual: counted) }
}
suite.run()
