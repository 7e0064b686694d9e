// Checks for exercise "read-model": GuestStayDetails and OpenFolios, built from the stays' events.
import EventSourcing
import EventSourcingTesting
import Foundation
import ReadModel
import Synchronization

let monday = Date(timeIntervalSince1970: 1_773_496_800)  // 2026-03-14 14:00 UTC
let tuesday = monday.addingTimeInterval(86_400)

func checkedIn(_ stay: String, _ guest: String, room: String, at: Date = monday) -> GuestStayEvent {
    .guestCheckedIn(GuestCheckedIn(stayID: stay, guestID: guest, roomNumber: room, at: at))
}
func charge(_ stay: String, _ id: String, _ amount: Int) -> GuestStayEvent {
    .chargeRecorded(ChargeRecorded(stayID: stay, chargeID: id, amount: amount, at: monday))
}
func payment(_ stay: String, _ id: String, _ amount: Int) -> GuestStayEvent {
    .paymentRecorded(PaymentRecorded(stayID: stay, paymentID: id, amount: amount, at: tuesday))
}
func checkedOut(_ stay: String) -> GuestStayEvent { .guestCheckedOut(GuestCheckedOut(stayID: stay, at: tuesday)) }
func checkoutFailed(_ stay: String) -> GuestStayEvent {
    .guestCheckoutFailed(GuestCheckoutFailed(stayID: stay, reason: .balanceNotSettled, at: tuesday))
}

let details = ProjectionSpec<GuestStayEvent, [String: GuestStayDetails]>(initial: [:]) { GuestStayDetails.apply(&$0, $1.event) }
let folios = ProjectionSpec<GuestStayEvent, [String: OpenFolio]>(initial: [:]) { OpenFolios.apply(&$0, $1.event) }

/// Envelopes for a list of events, each in its stay's stream, at consecutive positions.
func delivered(_ events: [GuestStayEvent]) -> [EventEnvelope<GuestStayEvent>] {
    events.enumerated().flatMap { offset, event in
        EventFixtures.stream("guest_stay", [event], fromPosition: Int64(offset + 1))
    }
}

var suite = CheckSuite("read-model")

suite.check("given a check-in, two charges and a payment, the stay's details list them with balance -90") { _ in
    try details.given(delivered([checkedIn("s-1", "ana", room: "101"), charge("s-1", "c-1", 100), charge("s-1", "c-2", 40),
                                 payment("s-1", "p-1", 50)]))
        .then(["s-1": GuestStayDetails(
            stayID: "s-1", guestID: "ana", roomNumber: "101", status: .checkedIn,
            charges: [.init(chargeID: "c-1", amount: 100), .init(chargeID: "c-2", amount: 40)],
            paid: 50, balance: -90, checkedInAt: monday)])
}

suite.check("given a refused checkout, then payment and checkout, the details show both and the checkout time") { _ in
    try details.given(delivered([checkedIn("s-1", "ana", room: "101"), charge("s-1", "c-1", 100), checkoutFailed("s-1"),
                                 payment("s-1", "p-1", 100), checkedOut("s-1")]))
        .then(["s-1": GuestStayDetails(
            stayID: "s-1", guestID: "ana", roomNumber: "101", status: .checkedOut,
            charges: [.init(chargeID: "c-1", amount: 100)], paid: 100, balance: 0, failedCheckouts: 1,
            checkedInAt: monday, checkedOutAt: tuesday)])
}

suite.check("given a refused checkout, the stay's details still say checked in, with one failed checkout and no checkout time") { _ in
    try details.given(delivered([checkedIn("s-1", "ana", room: "101"), charge("s-1", "c-1", 100), checkoutFailed("s-1")]))
        .then(["s-1": GuestStayDetails(
            stayID: "s-1", guestID: "ana", roomNumber: "101", status: .checkedIn,
            charges: [.init(chargeID: "c-1", amount: 100)], balance: -100, failedCheckouts: 1, checkedInAt: monday)])
}

suite.check("given two stays' events interleaved, each document has only its own stay's charges") { _ in
    try details.given(delivered([checkedIn("s-1", "ana", room: "101"), checkedIn("s-2", "ben", room: "204"),
                                 charge("s-2", "c-9", 80), charge("s-1", "c-1", 30)]))
        .then(["s-1": GuestStayDetails(stayID: "s-1", guestID: "ana", roomNumber: "101", status: .checkedIn,
                                       charges: [.init(chargeID: "c-1", amount: 30)], balance: -30, checkedInAt: monday),
               "s-2": GuestStayDetails(stayID: "s-2", guestID: "ben", roomNumber: "204", status: .checkedIn,
                                       charges: [.init(chargeID: "c-9", amount: 80)], balance: -80, checkedInAt: monday)])
}

suite.check("given a checked-in stay with a charge and a payment, its open folio shows balance -60") { _ in
    try folios.given(delivered([checkedIn("s-1", "ana", room: "101"), charge("s-1", "c-1", 100), payment("s-1", "p-1", 40)]))
        .then(["s-1": OpenFolio(stayID: "s-1", guestID: "ana", roomNumber: "101", balance: -60)])
}

suite.check("given a refused checkout, the folio stays open; after the checkout it is gone") { _ in
    let refused = [checkedIn("s-1", "ana", room: "101"), charge("s-1", "c-1", 100), checkoutFailed("s-1")]
    try folios.given(delivered(refused))
        .then(["s-1": OpenFolio(stayID: "s-1", guestID: "ana", roomNumber: "101", balance: -100)])
    try folios.given(delivered(refused + [payment("s-1", "p-1", 100), checkedOut("s-1")])).then([:])
}

suite.check("given two stays and one checkout, only the other stay's folio is open") { _ in
    try folios.given(delivered([checkedIn("s-1", "ana", room: "101"), checkedIn("s-2", "ben", room: "204"),
                                charge("s-2", "c-9", 80), checkedOut("s-1")]))
        .then(["s-2": OpenFolio(stayID: "s-2", guestID: "ben", roomNumber: "204", balance: -80)])
}

suite.check("a day at the front desk: the read models follow the log") { trace in
    let number = Mutex<Int64>(0)
    let store = InMemoryEventStore(clock: { monday })
    let detailsProjection = GuestStayDetails.projection(), foliosProjection = OpenFolios.projection()
    func append(_ title: String, _ stay: String, _ event: GuestStayEvent) throws {
        let id = number.withLock { $0 += 1; return $0 }
        let data = try GuestStayEvent.codec.encode(event, eventID: EventFixtures.fixtureID(id),
                                                   metadata: EventMetadata(correlationID: "visit-\(stay)", causationID: "desk-\(id)"))
        try trace.step(title, store: store) {
            try store.append(to: "guest_stay-\(stay)", events: [data])
        } readModels: {
            let runner = ProjectionRunner(store: store)
            try runner.catchUp(detailsProjection)
            try runner.catchUp(foliosProjection)
            return ["GuestStayDetails": try JSONValue(encoding: detailsProjection.readModel),
                    "OpenFolios": try JSONValue(encoding: foliosProjection.readModel)]
        }
    }
    try append("Ana checks in to 101 (s-1)", "s-1", checkedIn("s-1", "ana", room: "101"))
    try append("Ben checks in to 204 (s-2)", "s-2", checkedIn("s-2", "ben", room: "204"))
    try append("Room night 120 on s-1", "s-1", charge("s-1", "c-1", 120))
    try append("Minibar 15 on s-2", "s-2", charge("s-2", "c-2", 15))
    try append("Ana tries to leave: refused, 120 owed", "s-1", checkoutFailed("s-1"))
    try append("Ana pays 120", "s-1", payment("s-1", "p-1", 120))
    try append("Ana checks out", "s-1", checkedOut("s-1"))
    try expectEqual(expected: ["s-2": OpenFolio(stayID: "s-2", guestID: "ben", roomNumber: "204", balance: -15)],
                    actual: foliosProjection.readModel, "After Ana's checkout, OpenFolios", root: "openFolios")
    try expectEqual(expected: GuestStayDetails.Status.checkedOut, actual: detailsProjection.readModel["s-1"]?.status,
                    "After Ana's checkout, her GuestStayDetails", root: #"details["s-1"].status"#)
}

suite.run()
