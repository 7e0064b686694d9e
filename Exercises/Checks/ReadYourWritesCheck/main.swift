// Checks for exercise "read-your-writes": the append returns its global position and the query
// waits, with a timeout, for the read model to reach it.
import EventSourcing
import EventSourcingTesting
import Foundation
import ReadYourWrites
import Synchronization

let monday = Date(timeIntervalSince1970: 1_773_496_800)  // 2026-03-14 14:00 UTC

/// A clock that only moves when the query sleeps; each sleep also lets the background
/// projection process `eventsPerSleep` more events (0: the projection is stuck).
final class SteppedClock: WaitClock, @unchecked Sendable {
    // @unchecked: used from one thread only, in one check at a time.
    private(set) var elapsed: Duration = .zero
    private(set) var sleeps = 0
    var onSleep: () throws -> Void = {}

    func now() -> Duration { elapsed }

    func sleep(for duration: Duration) throws {
        sleeps += 1
        guard sleeps <= 10_000 else {
            throw SpecFailure("The query slept 10 000 times without answering or giving up: it must stop once the timeout has passed.")
        }
        elapsed += duration
        try onSleep()
    }
}

/// Moves a projection forwards one event at a time, as a slow subscription would.
func advance(_ projection: InMemoryProjection<[String: OpenFolio]>, in store: InMemoryEventStore, by events: Int) throws {
    let batch = try store.readAll(after: try projection.checkpoint(), limit: events)
    guard let last = batch.last else { return }
    try projection.apply(batch.filter { projection.handledEventTypes.contains($0.eventType) }, checkpoint: last.position)
}

/// The desk with a busy log: Ben's stay (s-2) has 4 events before Ana (s-1) checks in, so
/// Ana's stream versions are not global positions.
final class Scenario {
    let store = InMemoryEventStore(clock: { monday })
    let folios = OpenFolios.projection()
    let clock = SteppedClock()
    let desk: FrontDesk
    private var number: Int64 = 0

    init() throws {
        desk = FrontDesk(store: store, folios: folios, clock: clock, pollInterval: .milliseconds(50))
        try record(.guestCheckedIn(GuestCheckedIn(stayID: "s-2", guestID: "ben", roomNumber: "204", at: monday)))
        for amount in [30, 12, 8] {
            try record(.chargeRecorded(ChargeRecorded(stayID: "s-2", chargeID: "c-\(amount)", amount: amount, at: monday)))
        }
        try record(.guestCheckedIn(GuestCheckedIn(stayID: "s-1", guestID: "ana", roomNumber: "101", at: monday)))
        try ProjectionRunner(store: store).catchUp(folios)
    }

    @discardableResult
    func record(_ event: GuestStayEvent) throws -> Int64 {
        number += 1
        return try desk.record(event, eventID: EventFixtures.fixtureID(number),
                               metadata: EventMetadata(correlationID: "desk", causationID: "desk-\(number)"))
    }

    /// Ana's charge of 120, which the check then wants to read back.
    func anasCharge() throws -> Int64 {
        try record(.chargeRecorded(ChargeRecorded(stayID: "s-1", chargeID: "c-ana", amount: 120, at: monday)))
    }
}

var suite = CheckSuite("read-your-writes")

suite.check("the append returns the global position of the event, not its stream version") { _ in
    let scenario = try Scenario()
    let position = try scenario.anasCharge()
    let head = try scenario.store.headPosition()
    try expectEqual(expected: head, actual: position, "What record(...) returned for Ana's charge", root: "position",
                    situation: "Ana's charge is version 2 of guest_stay-s-1 and position \(head) of the global log.")
}

suite.check("a client reads back its own charge: the query waits until the read model reaches it") { _ in
    let scenario = try Scenario()
    try scenario.record(.chargeRecorded(ChargeRecorded(stayID: "s-2", chargeID: "c-late", amount: 5, at: monday)))
    let position = try scenario.anasCharge()
    // The read model is 2 events behind and processes one event per poll.
    scenario.clock.onSleep = { try advance(scenario.folios, in: scenario.store, by: 1) }
    let folio = try scenario.desk.folio("s-1", atLeast: position, timeout: .seconds(2))
    let expected = OpenFolio(stayID: "s-1", guestID: "ana", roomNumber: "101", balance: -120)
    try expectEqual(expected: expected, actual: folio, "Ana's folio", root: "folio", situation: """
        Ana charged 120 (position \(position)) and asked for her folio right away; the read model had processed up to \
        position \(try scenario.folios.checkpoint()) when the query answered after \(scenario.clock.sleeps) polls.
        """)
    guard scenario.clock.sleeps == 2 else {
        throw SpecFailure("The read model reached position \(position) after 2 polls, but the query polled \(scenario.clock.sleeps) times.")
    }
}

suite.check("when the read model is already there, the query answers without sleeping") { _ in
    let scenario = try Scenario()
    let position = try scenario.anasCharge()
    try ProjectionRunner(store: scenario.store).catchUp(scenario.folios)
    let folio = try scenario.desk.folio("s-1", atLeast: position, timeout: .seconds(2))
    guard folio?.balance == -120, scenario.clock.sleeps == 0 else {
        throw SpecFailure("The read model was at position \(position) already: expected Ana's folio at -120 with no sleep, "
            + "got \(String(describing: folio)) after \(scenario.clock.sleeps) sleeps.")
    }
}

suite.check("a stuck read model: the query gives up after the timeout with a clear ReadModelLagging error") { _ in
    let scenario = try Scenario()
    let reached = try scenario.folios.checkpoint()
    let position = try scenario.anasCharge()
    let result = Result { try scenario.desk.folio("s-1", atLeast: position, timeout: .seconds(2)) }
    let expected = ReadModelLagging(readModel: "open_folios", waitedFor: position, reached: reached, timeout: .seconds(2))
    switch result {
    case .success(let folio):
        throw SpecFailure("The read model never moved past \(reached), yet the query answered \(String(describing: folio)) "
            + "instead of throwing \(expected). Stale data looks like the client's write was lost.")
    case .failure(let error as ReadModelLagging):
        try expectEqual(expected: expected, actual: error, "The ReadModelLagging error", root: "error")
    case .failure where scenario.clock.sleeps > 10_000:
        throw SpecFailure("The read model stayed at position \(reached) and the timeout was 2 s, but the query kept polling: "
            + "after 10 000 polls (\(scenario.clock.now()) of waiting) it had neither answered nor thrown ReadModelLagging. "
            + "Compare the time waited with the timeout on every poll.")
    case .failure(let error):
        throw SpecFailure("Expected the query to give up with ReadModelLagging, but it \(SpecFailure.threw(error)).")
    }
    let waited = scenario.clock.now()
    guard waited >= .seconds(2), waited <= .seconds(2) + .milliseconds(50) else {
        throw SpecFailure("The query gave up after \(waited): expected at the 2 s timeout (within one 50 ms poll).")
    }
}

suite.check("Ana pays and asks for her folio while the read model lags behind") { trace in
    let scenario = try Scenario()
    let models: () throws -> [String: JSONValue] = {
        ["OpenFolios": try JSONValue(encoding: scenario.folios.readModel),
         "open_folios checkpoint": .int(try scenario.folios.checkpoint())]
    }
    trace.step("The log so far: Ben's stay, Ana checks in", appended: try scenario.store.readAll(after: 0, limit: .max),
               readModels: try models())
    let charge = try trace.step("Ana is charged 120", store: scenario.store, { try scenario.anasCharge() }, readModels: models)
    let payment = try trace.step("Ana pays 100 (position returned to the client)", store: scenario.store, {
        try scenario.record(.paymentRecorded(PaymentRecorded(stayID: "s-1", paymentID: "p-1", amount: 100, at: monday)))
    }, readModels: models)
    scenario.clock.onSleep = {
        try advance(scenario.folios, in: scenario.store, by: 1)
        trace.step("poll \(scenario.clock.sleeps): the read model moves one event", readModels: try models())
    }
    let folio = try scenario.desk.folio("s-1", atLeast: payment, timeout: .seconds(2))
    trace.step("Ana's folio, read after her own payment (position \(payment))",
               readModels: try models().merging(["Answer": try JSONValue(encoding: folio)]) { $1 })
    guard folio?.balance == -20, charge < payment else {
        throw SpecFailure("After her charge of 120 and payment of 100, Ana's folio should show -20; it shows \(String(describing: folio)).")
    }
}

suite.run()
