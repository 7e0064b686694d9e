import EventSourcing
import EventSourcingTesting
import Foundation
import Testing

@Suite struct CheckSuiteTests {
    @Test func eachCheckIsReportedWithItsStepsAndAnEndLine() throws {
        var suite = CheckSuite("fixture")
        suite.check("appending records a step") { trace in
            let store = InMemoryEventStore(clock: { Date(timeIntervalSince1970: 0) })
            try trace.step("append one", store: store) {
                try store.append(to: "s-1", events: [EventData(eventType: "Happened", data: Data(#"{"n":1}"#.utf8))])
            } readModels: {
                ["count": 1]
            }
        }
        suite.check("a failing check keeps its message") { _ in throw SpecFailure("expected 1, got 2") }

        var lines: [ReportLine] = []
        let counts = suite.runChecks { lines.append($0) }

        #expect(counts.passed == 1 && counts.failed == 1)
        guard lines.count == 4, case .step(let step) = lines[0] else {
            Issue.record("unexpected report: \(lines)")
            return
        }
        #expect(step.check == "appending records a step")
        #expect(step.appended.map(\.streamID) == ["s-1"])
        #expect(step.appended.first?.data == ["n": 1])
        #expect(step.readModels == ["count": 1])
        #expect(lines[1] == .check(CheckResult(name: "appending records a step", passed: true)))
        #expect(lines[2] == .check(CheckResult(name: "a failing check keeps its message", passed: false, message: "expected 1, got 2")))
        #expect(lines[3] == .end(passed: 1, failed: 1))
    }

    @Test func reportLinesRoundTripAsJSON() throws {
        let event = RecordedEvent(eventID: EventFixtures.fixtureID(1), streamID: "s", streamVersion: 1, position: 1,
                                  recordedAt: Date(timeIntervalSince1970: 0), eventType: "T", schemaVersion: 2,
                                  data: Data(#"{"a":[1,2.5,"x",null,true]}"#.utf8), metadata: EventMetadata(correlationID: "c"))
        let lines: [ReportLine] = [
            .step(TraceStep(check: "c", title: "t", appended: [TracedEvent(event)], readModels: ["m": ["k": "v"]])),
            .check(CheckResult(name: "n", passed: false, message: "m")),
            .end(passed: 0, failed: 1),
        ]
        for line in lines {
            let data = try ReportLine.encoder.encode(line)
            #expect(!data.contains(0x0A), "one object per line")
            #expect(try ReportLine.decoder.decode(ReportLine.self, from: data) == line)
        }
    }
}
