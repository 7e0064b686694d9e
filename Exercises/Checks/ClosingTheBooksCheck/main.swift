// Checks for exercise "closing-the-books": the night audit closes a folio period with a
// summary event and opens the next period in a new short stream from that summary.
import ClosingTheBooks
import EventSourcing
import EventSourcingTesting
import Foundation
import Synchronization

let night1 = Date(timeIntervalSince1970: 1_773_532_800)  // 2026-03-15 00:00 UTC
let night2 = night1.addingTimeInterval(86_400)
let evening = night1.addingTimeInterval(-5 * 3_600)

final class SequentialIDs: Sendable {
    private let next = Mutex<Int64>(1)
    func make() -> UUID { next.withLock { number in defer { number += 1 }; return EventFixtures.fixtureID(number) } }
}

final class Scenario {
    let store = InMemoryEventStore(clock: { night1 })
    let audit: NightAudit
    private var number = 0

    init() throws {
        audit = NightAudit(store: store, makeEventID: SequentialIDs().make)
        try audit.openFirstPeriod(stayID: "s-1", now: evening, context: context())
        try audit.handle(.recordCharge(chargeID: "c-1", amount: 100, now: evening), stayID: "s-1", period: 1, context: context())
        try audit.handle(.recordCharge(chargeID: "c-2", amount: 40, now: evening), stayID: "s-1", period: 1, context: context())
        try audit.handle(.recordPayment(paymentID: "p-1", amount: 50, now: evening), stayID: "s-1", period: 1, context: context())
    }

    func context() -> MessageContext {
        number += 1
        return MessageContext(messageID: "msg-\(number)", correlationID: "stay-s-1")
    }

    func close(_ period: Int, at: Date = night1) throws {
        try audit.closePeriod(stayID: "s-1", period: period, now: at, context: MessageContext(messageID: "audit-\(period)-\(number)", correlationID: "night-audit"))
        number += 1
    }

    func events(_ stream: String) throws -> [FolioEvent] {
        try FolioEvent.codec.decode(store.readStream(stream)).map(\.event)
    }
}

let summary1 = FolioEvent.folioPeriodClosed(FolioPeriodClosed(stayID: "s-1", period: 1, openingBalance: 0, charged: 140, paid: 50, closingBalance: -90, at: night1))
let opened2 = FolioEvent.folioOpened(FolioOpened(stayID: "s-1", period: 2, openingBalance: -90, openedFrom: "folio-s-1-1", at: night1))

func expectEvents(_ stream: String, _ scenario: Scenario, _ expected: [FolioEvent], _ situation: String) throws {
    let actual = try scenario.events(stream)
    guard actual == expected else {
        throw SpecFailure.mismatch("\(situation) Events of \(stream)", expected: expected, actual: actual,
                                   firstDifference: (0..<max(expected.count, actual.count)).first { $0 >= expected.count || $0 >= actual.count || expected[$0] != actual[$0] })
    }
}

var suite = CheckSuite("closing-the-books")

suite.check("given charges 100 and 40 and a payment of 50, closing the period decides one summary with balance -90") { _ in
    try DeciderSpec(Folio.decider)
        .given([.folioOpened(FolioOpened(stayID: "s-1", period: 1, openingBalance: 0, openedFrom: nil, at: evening)),
                .chargeRecorded(ChargeRecorded(stayID: "s-1", chargeID: "c-1", amount: 100, at: evening)),
                .chargeRecorded(ChargeRecorded(stayID: "s-1", chargeID: "c-2", amount: 40, at: evening)),
                .paymentRecorded(PaymentRecorded(stayID: "s-1", paymentID: "p-1", amount: 50, at: evening))])
        .when(.closePeriod(now: night1))
        .then([summary1])
}

suite.check("given period 2 opened owing 90, a charge of 30 and a payment of 100, the summary closes at -20: the opening balance counts") { _ in
    try DeciderSpec(Folio.decider)
        .given([.folioOpened(FolioOpened(stayID: "s-1", period: 2, openingBalance: -90, openedFrom: "folio-s-1-1", at: night1)),
                .chargeRecorded(ChargeRecorded(stayID: "s-1", chargeID: "c-3", amount: 30, at: night1)),
                .paymentRecorded(PaymentRecorded(stayID: "s-1", paymentID: "p-2", amount: 100, at: night1))])
        .when(.closePeriod(now: night2))
        .then([.folioPeriodClosed(FolioPeriodClosed(stayID: "s-1", period: 2, openingBalance: -90, charged: 30, paid: 100, closingBalance: -20, at: night2))])
}

suite.check("given a closed period, closing it again decides nothing; a period never opened is refused") { _ in
    try DeciderSpec(Folio.decider)
        .given([.folioOpened(FolioOpened(stayID: "s-1", period: 1, openingBalance: 0, openedFrom: nil, at: evening)), summary1])
        .when(.closePeriod(now: night2))
        .then([])
    try DeciderSpec(Folio.decider).given([]).when(.closePeriod(now: night1)).thenThrows(FolioError.periodNotOpen)
}

suite.check("the night audit opens period 2 in a new stream with one event carrying the balance") { _ in
    let scenario = try Scenario()
    try scenario.close(1)
    try expectEvents("folio-s-1-2", scenario, [opened2], "After the audit:")
    let (folio, read) = try scenario.audit.load(stayID: "s-1", period: 2)
    try expectEqual(expected: 1, actual: read, "Loading period 2, the events read", root: "read")
    try expectEqual(expected: Folio(stayID: "s-1", period: 2, status: .open, openingBalance: -90), actual: folio,
                    "Loading period 2, the folio", root: "folio")
}

suite.check("running the night audit twice changes nothing the second time") { _ in
    let scenario = try Scenario()
    try scenario.close(1)
    let head = try scenario.store.headPosition()
    try scenario.close(1, at: night2)
    let after = try scenario.store.headPosition()
    guard after == head else {
        throw SpecFailure("The second audit appended \(try scenario.store.readAll(after: head, limit: 10).map { "\($0.eventType) to \($0.streamID)" }).")
    }
    try expectEvents("folio-s-1-2", scenario, [opened2], "After two audits:")
}

suite.check("an audit that crashed after the summary opens period 2 when it runs again, without a second summary") { _ in
    let scenario = try Scenario()
    // The first run appended the summary, then the process died before opening period 2.
    try scenario.store.append(to: "folio-s-1-1", events: [FolioEvent.codec.encode(summary1, eventID: EventFixtures.fixtureID(90))])
    try scenario.close(1, at: night2)
    try expectEvents("folio-s-1-2", scenario, [opened2], "After the rerun:")
    let summaries = try scenario.events("folio-s-1-1").filter { if case .folioPeriodClosed = $0 { true } else { false } }
    guard summaries.count == 1 else { throw SpecFailure("Period 1 has \(summaries.count) summaries; the rerun must not add one.") }
}

suite.check("Ana's long stay over two nights: charges, audit, charges, audit") { trace in
    let scenario = try Scenario()
    func models() throws -> [String: JSONValue] {
        var models: [String: JSONValue] = [:]
        for period in 1...3 {
            let (folio, read) = try scenario.audit.load(stayID: "s-1", period: period)
            guard read > 0 else { continue }
            models["Folio period \(period)"] = try JSONValue(encoding: folio).merging(["eventsToLoad": .int(Int64(read)), "balance": .int(Int64(folio.balance))])
        }
        return models
    }
    trace.step("Period 1: opened, charged 100 and 40, paid 50", appended: try scenario.store.readAll(after: 0, limit: .max), readModels: try models())
    try trace.step("Night audit 1", store: scenario.store, { try scenario.close(1) }, readModels: models)
    try trace.step("Spa 80 on period 2", store: scenario.store, {
        try scenario.audit.handle(.recordCharge(chargeID: "c-3", amount: 80, now: night1), stayID: "s-1", period: 2, context: scenario.context())
    }, readModels: models)
    try trace.step("Night audit 2", store: scenario.store, { try scenario.close(2, at: night2) }, readModels: models)
    try trace.step("Night audit 2 again (a retry)", store: scenario.store, { try scenario.close(2, at: night2) }, readModels: models)
    let (folio, read) = try scenario.audit.load(stayID: "s-1", period: 3)
    guard read == 1, folio.balance == -170 else {
        throw SpecFailure("Period 3 should open from period 2's summary: 1 event, balance -170. It read \(read) events, balance \(folio.balance).")
    }
}

/// The traceability stage's rule holds here too: the opening of period 2 is caused by the
/// summary of period 1, and says so, so "why does this folio start at -90?" has an answer.
@MainActor func checkOpeningIsCausedBySummary() {
    suite.check("period 2's FolioOpened names the summary event of period 1 as its causation id") { _ in
        let scenario = try Scenario()
        try scenario.close(1)
        guard let summary = try scenario.store.readStream("folio-s-1-1").last,
              let opening = try scenario.store.readStream("folio-s-1-2").first else {
            throw SpecFailure("After the audit, period 1 should end with its summary and period 2 should start with FolioOpened.")
        }
        guard opening.metadata.causationID == summary.eventID.uuidString else {
            throw SpecFailure("""
                Causation id of period 2's FolioOpened:
                  expected \(summary.eventID.uuidString) (the id of period 1's FolioPeriodClosed)
                  actual   \(opening.metadata.causationID ?? "none")
                """)
        }
    }
}
checkOpeningIsCausedBySummary()

suite.run()

extension JSONValue {
    func merging(_ other: [String: JSONValue]) -> JSONValue {
        var copy = self
        for (key, value) in other { copy[key] = value }
        return copy
    }
}
