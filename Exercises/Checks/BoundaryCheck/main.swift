// Checks for exercise "boundary": reserve against one stream per room type and night, with the
// expected version and a retry that decides again.
import Boundary
import EventSourcing
import EventSourcingTesting
import Foundation
import Synchronization

let now = Date(timeIntervalSince1970: 1_773_496_800)  // 2026-03-14 14:00 UTC
let night = "2026-03-14"
let stream = RoomAvailability.streamID(roomType: "double", date: night)

/// Event ids 00000000-0000-4000-8000-000000000001, …2, …: the trace is the same on every run.
final class SequentialIDs: Sendable {
    private let next = Mutex<Int64>(1)
    func make() -> UUID {
        next.withLock { number in
            defer { number += 1 }
            return EventFixtures.fixtureID(number)
        }
    }
}

/// One append a desk tried: what it expected and what happened.
struct Attempt: Codable, Equatable {
    var desk: String
    var expected: String
    var result: String
}

/// Every append attempt of every desk, in order.
final class AttemptLog: Sendable {
    private let attempts = Mutex<[Attempt]>([])
    func add(_ attempt: Attempt) { attempts.withLock { $0.append(attempt) } }
    var all: [Attempt] { attempts.withLock { $0 } }
    func of(_ desk: String) -> [Attempt] { all.filter { $0.desk == desk } }
}

/// The store as one desk sees it: it logs each append, and can let a competitor act right
/// before an append, after the desk has loaded and decided: a race, made deterministic.
final class DeskStore: EventStore {
    let desk: String
    let base: InMemoryEventStore
    let log: AttemptLog
    private let beforeAppend: @Sendable (_ attempt: Int, _ expected: ExpectedVersion) throws -> Void
    private let appends = Mutex(0)

    init(_ desk: String, base: InMemoryEventStore, log: AttemptLog,
         beforeAppend: @escaping @Sendable (Int, ExpectedVersion) throws -> Void = { _, _ in }) {
        self.desk = desk
        self.base = base
        self.log = log
        self.beforeAppend = beforeAppend
    }

    func append(to streamID: String, expected: ExpectedVersion, events: [EventData], outbox: [OutboxMessage]) throws -> AppendResult {
        let attempt = appends.withLock { count in
            count += 1
            return count
        }
        try beforeAppend(attempt, expected)
        do {
            let result = try base.append(to: streamID, expected: expected, events: events, outbox: outbox)
            log.add(Attempt(desk: desk, expected: "\(expected)", result: "appended, now at version \(result.nextExpectedVersion)"))
            return result
        } catch let conflict as WrongExpectedVersion {
            log.add(Attempt(desk: desk, expected: "\(expected)", result: "conflict: the stream is at \(conflict.actual)"))
            throw conflict
        }
    }

    func readStream(_ streamID: String, from version: Int64?, direction: ReadDirection, limit: Int) throws -> [RecordedEvent] {
        try base.readStream(streamID, from: version, direction: direction, limit: limit)
    }
    func readAll(after position: Int64, limit: Int) throws -> [RecordedEvent] { try base.readAll(after: position, limit: limit) }
    func streamState(_ streamID: String) throws -> StreamState { try base.streamState(streamID) }
    func headPosition() throws -> Int64 { try base.headPosition() }
    func pendingOutbox(limit: Int) throws -> [PendingMessage] { try base.pendingOutbox(limit: limit) }
    func markDelivered(sequences: [Int64]) throws { try base.markDelivered(sequences: sequences) }
    func recordFailedDelivery(sequences: [Int64]) throws { try base.recordFailedDelivery(sequences: sequences) }
}

/// Trace steps taken where the trace cannot go (a @Sendable hook), recorded later in order.
final class PendingSteps: Sendable {
    private let steps = Mutex<[(title: String, appended: [RecordedEvent], readModels: [String: JSONValue])]>([])
    func add(_ title: String, appended: [RecordedEvent], readModels: [String: JSONValue]) {
        steps.withLock { $0.append((title, appended, readModels)) }
    }
    func record(in trace: Trace) {
        for step in steps.withLock({ $0 }) {
            trace.step(step.title, appended: step.appended, readModels: step.readModels)
        }
    }
}

func reserve(_ reservationID: String, guest: String) -> ReserveRoom {
    ReserveRoom(reservationID: reservationID, guestID: guest, roomType: "double", date: night)
}

func context(_ id: String) -> MessageContext { MessageContext(messageID: "cmd-\(id)", correlationID: "booking-\(id)") }

/// A night with `rooms` doubles on offer and these reservations already made.
func seed(_ store: InMemoryEventStore, ids: SequentialIDs, rooms: Int, reserved: [String]) throws {
    let codec = RoomAvailabilityEvent.codec
    let events = [RoomAvailabilityEvent.roomsOffered(RoomsOffered(roomType: "double", date: night, rooms: rooms))]
        + reserved.map { .roomReserved(RoomReserved(reservationID: $0, guestID: "guest-\($0)", roomType: "double", date: night)) }
    try store.append(to: stream, expected: .noStream, events: events.map {
        try codec.encode($0, eventID: ids.make(), metadata: MessageContext(messageID: "seed").eventMetadata)
    })
}

func availability(_ store: InMemoryEventStore) throws -> RoomAvailability {
    try ReservationDesk(store: store).load(stream).state
}

func reservationsIn(_ store: InMemoryEventStore) throws -> [String] { try availability(store).reservations }

let spec = DeciderSpec(RoomAvailability.decider)
let offered = RoomAvailabilityEvent.roomsOffered(RoomsOffered(roomType: "double", date: night, rooms: 2))
func reserved(_ id: String, guest: String) -> RoomAvailabilityEvent {
    .roomReserved(RoomReserved(reservationID: id, guestID: guest, roomType: "double", date: night))
}

var suite = CheckSuite("boundary")

suite.check("a reservation with a room left is recorded") { _ in
    try spec.given([offered]).when(reserve("r-1", guest: "carla")).then([reserved("r-1", guest: "carla")])
}

suite.check("once the last room is taken, the next reservation is refused: soldOut") { _ in
    try spec.given([offered, reserved("r-1", guest: "carla"), reserved("r-2", guest: "dan")])
        .when(reserve("r-3", guest: "bob")).thenThrows(ReservationError.soldOut(roomType: "double", date: night))
}

suite.check("the same reservation twice is recorded once") { _ in
    try spec.given([offered, reserved("r-1", guest: "carla"), reserved("r-2", guest: "dan")])
        .when(reserve("r-1", guest: "carla")).thenNothingHappened()
}

suite.check("the desk appends with the version it loaded, not 'any'") { _ in
    let base = InMemoryEventStore(clock: { now }), ids = SequentialIDs(), log = AttemptLog()
    try seed(base, ids: ids, rooms: 2, reserved: ["r-1"])
    let desk = ReservationDesk(store: DeskStore("alice", base: base, log: log), makeEventID: ids.make)
    try desk.reserve(reserve("r-2", guest: "alice"), context: context("r-2"))
    let expected = log.of("alice").map(\.expected)
    guard expected == ["version 2"] else {
        throw SpecFailure("""
            The stream was at version 2 when the desk loaded it.
              expected one append with expected version: version 2
              actual   \(expected.isEmpty ? "no append" : expected.joined(separator: ", "))
            With 'any', a reservation appended in between is silently ignored: a room sold twice.
            """)
    }
}

suite.check("two desks race for the last room: one wins, the other gets a conflict, decides again and hears soldOut") { trace in
    let base = InMemoryEventStore(clock: { now }), ids = SequentialIDs(), log = AttemptLog()
    let readModels: @Sendable () throws -> [String: JSONValue] = {
        [stream: try JSONValue(encoding: availability(base)), "append attempts": try JSONValue(encoding: log.all)]
    }
    try trace.step("The hotel offers 2 double rooms for \(night); Carla reserves one (r-1)", store: base) {
        try seed(base, ids: ids, rooms: 2, reserved: ["r-1"])
    } readModels: { try readModels() }

    // Steps that happen inside Alice's append (in the store's hook) are kept here and recorded
    // in order afterwards: the trace itself is not Sendable, the store and its hook must be.
    let during = PendingSteps()
    let bob = ReservationDesk(store: DeskStore("bob", base: base, log: log), makeEventID: ids.make)
    let aliceStore = DeskStore("alice", base: base, log: log) { attempt, expected in
        guard attempt == 1 else { return }
        // Alice's desk has loaded and decided; before its append lands, Bob's desk does the same.
        during.add("Alice's desk (r-2) loads the stream at \(expected): 1 room left, so it decides RoomReserved r-2",
                   appended: [], readModels: try readModels())
        let head = try base.headPosition()
        try bob.reserve(reserve("r-3", guest: "bob"), context: context("r-3"))
        during.add("Bob's desk (r-3) loads the same version, decides, and appends first",
                   appended: try base.readAll(after: head, limit: 100), readModels: try readModels())
    }
    let alice = ReservationDesk(store: aliceStore, makeEventID: ids.make)
    var answer: String
    var aliceError: (any Error)?
    let before = try base.headPosition()
    do {
        let events = try alice.reserve(reserve("r-2", guest: "alice"), context: context("r-2"))
        answer = "reserved: \(events)"
    } catch {
        aliceError = error
        answer = "\(error)"
    }
    during.record(in: trace)
    var models = try readModels()
    models["Alice's answer"] = .string(answer)
    trace.step("Alice's desk appends r-2 with the version it loaded, and answers the guest",
               appended: try base.readAll(after: before, limit: 100), readModels: models)

    let reservations = try reservationsIn(base)
    guard reservations.count <= 2 else {
        throw SpecFailure("""
            2 double rooms, \(reservations.count) reservations: \(reservations.joined(separator: ", ")). A room was sold twice.
            Alice's desk appended although Bob's reservation landed after it loaded the stream.
            """)
    }
    guard reservations == ["r-1", "r-3"] else {
        throw SpecFailure("Reservations on the stream:\n  expected r-1, r-3 (Bob's append landed first)\n  actual   \(reservations.joined(separator: ", "))")
    }
    guard let conflict = log.of("alice").first, conflict.result.hasPrefix("conflict") else {
        throw SpecFailure("Alice's first append should have been refused with a conflict; attempts: \(log.of("alice"))")
    }
    guard let error = aliceError as? ReservationError, error == .soldOut(roomType: "double", date: night) else {
        throw SpecFailure("""
            Alice's desk should answer soldOut (no double rooms left on \(night)), a message a guest understands.
              actual answer: \(answer)
            After a conflict, load the stream again and decide again: that decision is "sold out".
            """)
    }
}

suite.check("after a conflict with a room still left, the desk reloads and the retry succeeds") { _ in
    let base = InMemoryEventStore(clock: { now }), ids = SequentialIDs(), log = AttemptLog()
    try seed(base, ids: ids, rooms: 3, reserved: ["r-1"])
    let bob = ReservationDesk(store: DeskStore("bob", base: base, log: log), makeEventID: ids.make)
    let alice = ReservationDesk(store: DeskStore("alice", base: base, log: log) { attempt, _ in
        if attempt == 1 { try bob.reserve(reserve("r-3", guest: "bob"), context: context("r-3")) }
    }, makeEventID: ids.make)
    do {
        try alice.reserve(reserve("r-2", guest: "alice"), context: context("r-2"))
    } catch {
        throw SpecFailure("""
            Alice's reservation failed: \(error)
            Her append attempts: \(log.of("alice").map { "expected \($0.expected) -> \($0.result)" }.joined(separator: "; "))
            After the conflict there was still a room: reload the stream and append with its new version.
            """)
    }
    let attempts = log.of("alice").map(\.expected), reservations = try reservationsIn(base)
    guard attempts == ["version 2", "version 3"], reservations == ["r-1", "r-3", "r-2"] else {
        throw SpecFailure("""
              expected Alice's appends to expect version 2 (conflict), then version 3; reservations r-1, r-3, r-2
              actual   \(attempts.joined(separator: ", ")); reservations \(reservations.joined(separator: ", "))
            """)
    }
}

suite.check("a desk gives up after maxRetries conflicts in a row and reports the conflict") { _ in
    let base = InMemoryEventStore(clock: { now }), ids = SequentialIDs(), log = AttemptLog()
    try seed(base, ids: ids, rooms: 100, reserved: [])
    let rival = ReservationDesk(store: base, makeEventID: ids.make)
    let desk = ReservationDesk(store: DeskStore("alice", base: base, log: log) { attempt, _ in
        guard attempt <= 10 else {
            throw SpecFailure("The desk tried to append 11 times; with maxRetries 3 it should stop after 4 attempts.")
        }
        try rival.reserve(reserve("rival-\(attempt)", guest: "rival"), context: context("rival-\(attempt)"))
    }, maxRetries: 3, makeEventID: ids.make)
    do {
        try desk.reserve(reserve("r-2", guest: "alice"), context: context("r-2"))
        throw SpecFailure("Every append conflicted, yet reserve returned normally. It should throw the last conflict.")
    } catch is WrongExpectedVersion {
        let attempts = log.of("alice").count
        guard attempts == 4 else {
            throw SpecFailure("With maxRetries 3: expected 4 append attempts (1 + 3 retries), actual \(attempts).")
        }
    }
}

suite.run()
