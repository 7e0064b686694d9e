import EventSourcingTesting
import Foundation
import Testing

/// Shapes like the exercises' read models: a dictionary of documents with lists and enums.
private struct Stay: Equatable {
    enum Status: Equatable { case checkedIn, checkedOut }
    struct Charge: Equatable { var chargeID: String; var amount: Int }
    var stayID: String
    var status: Status
    var charges: [Charge]
    var checkedOutAt: Date?
}

private enum StayEvent: Equatable {
    case chargeRecorded(id: String, amount: Int)
    case checkedOut(at: Date)
}

@Suite struct ValueDifferenceTests {
    let monday = Date(timeIntervalSince1970: 1_773_496_800)

    fileprivate func stays(secondAmount: Int) -> [String: Stay] {
        ["s-1": Stay(stayID: "s-1", status: .checkedIn, charges: [.init(chargeID: "c-1", amount: 40), .init(chargeID: "c-2", amount: secondAmount)])]
    }

    @Test func namesTheFirstDifferingFieldAsAPath() {
        let difference = ValueDifference.first(expected: stays(secondAmount: 60), actual: stays(secondAmount: 100), root: "stays")
        #expect(difference?.description == #"stays["s-1"].charges[1].amount: expected 60, actual 100"#)
    }

    @Test func sameValuesHaveNoDifference() {
        #expect(ValueDifference.first(expected: stays(secondAmount: 60), actual: stays(secondAmount: 60)) == nil)
    }

    @Test func aMissingDocumentIsNamedByItsKey() {
        var actual = stays(secondAmount: 60)
        actual["s-2"] = Stay(stayID: "s-2", status: .checkedOut, charges: [])
        let difference = ValueDifference.first(expected: stays(secondAmount: 60), actual: actual, root: "stays")
        #expect(difference?.path == #"stays["s-2"]"#)
        #expect(difference?.expected == "(missing)")
        #expect(difference?.actual == #"Stay(stayID: "s-2", status: .checkedOut, charges: [])"#)
    }

    @Test func aDifferentEnumCaseIsPrintedWithoutItsModule() {
        var actual = stays(secondAmount: 60)
        actual["s-1"]?.status = .checkedOut
        let difference = ValueDifference.first(expected: stays(secondAmount: 60), actual: actual, root: "stays")
        #expect(difference?.description == #"stays["s-1"].status: expected .checkedIn, actual .checkedOut"#)
    }

    @Test func aShorterListSaysWhatIsMissing() {
        let expected: [StayEvent] = [.chargeRecorded(id: "c-1", amount: 40), .checkedOut(at: monday)]
        let difference = ValueDifference.first(expected: expected, actual: Array(expected.prefix(1)), root: "events")
        #expect(difference?.description == "events[1]: expected .checkedOut(at: 2026-03-14T14:00:00Z) (2 in all), actual nothing (1 in all)")
    }

    @Test func enumPayloadsAreWalkedByCaseAndLabel() {
        let difference = ValueDifference.first(expected: [StayEvent.chargeRecorded(id: "c-1", amount: 40)],
                                               actual: [StayEvent.chargeRecorded(id: "c-1", amount: 45)], root: "events")
        #expect(difference?.description == "events[0].chargeRecorded.amount: expected 40, actual 45")
    }

    @Test func aDateFromTheWallClockIsCalledOut() {
        let difference = ValueDifference.first(expected: StayEvent.checkedOut(at: monday), actual: StayEvent.checkedOut(at: Date()))
        #expect(difference?.path == "checkedOut.at")
        #expect(difference?.expected == "2026-03-14T14:00:00Z")
        #expect(difference?.note?.contains("not from Date()") == true)
    }

    @Test func aNilOptionalFieldIsLeftOutOfTheCompactForm() {
        #expect(ValuePrinter.compact(Stay(stayID: "s-1", status: .checkedIn, charges: [])) == #"Stay(stayID: "s-1", status: .checkedIn, charges: [])"#)
        #expect(ValuePrinter.compact(Stay(stayID: "s-1", status: .checkedOut, charges: [], checkedOutAt: monday))
            == #"Stay(stayID: "s-1", status: .checkedOut, charges: [], checkedOutAt: 2026-03-14T14:00:00Z)"#)
    }

    @Test func expectEqualThrowsThePathAndBothValues() {
        let failure = #expect(throws: SpecFailure.self) {
            try expectEqual(expected: stays(secondAmount: 60), actual: stays(secondAmount: 100), "The read model", root: "stays", situation: "After two charges:")
        }
        let lines = failure?.message.split(separator: "\n").map(String.init) ?? []
        #expect(lines.first == "After two charges:")
        #expect(lines.dropFirst().first == #"The read model differs at stays["s-1"].charges[1].amount: expected 60, actual 100"#)
        // Long values come one document a line, after the expected/actual labels.
        let message = failure?.message ?? ""
        let expectedPart = message.range(of: "\n  expected: ").map { message[$0.upperBound...] } ?? ""
        let actualPart = message.range(of: "\n  actual:   ").map { message[$0.upperBound...] } ?? ""
        #expect(expectedPart.contains(#""s-1": Stay(stayID: "s-1", status: .checkedIn, charges: [Charge(chargeID: "c-1", amount: 40), Charge(chargeID: "c-2", amount: 60)])"#))
        #expect(actualPart.contains("amount: 100") && !actualPart.contains("amount: 60"))
        #expect(failure?.message.contains("EventSourcingTestingTests.") == false)
    }
}
