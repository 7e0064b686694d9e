import CheckReport
import EventSourcing
import Foundation
import TerminalUI
import WorkshopKit
@testable import WorkshopApp

/// A small workshop: two stages, three exercises, and a check outcome with a two-step trace.
enum Fixtures {
    static let catalog: Catalog = {
        do {
            return try Catalog(
                stages: [Stage(id: "modelling", title: "Modelling"), Stage(id: "versioning", title: "Versioning")],
                exercises: [
                    Exercise(id: "facts", stage: "modelling", title: "Facts, not updates", module: "Facts",
                             files: ["Sources/Facts/GuestStay.swift"], instructions: "Instructions/facts.md",
                             hints: ["Switch over the event.", "Charges lower the balance."]),
                    Exercise(id: "decider", stage: "modelling", title: "The decider", module: "Decider",
                             files: ["Sources/Decider/GuestStay.swift"], instructions: "Instructions/decider.md", hints: ["Throw errors."]),
                    Exercise(id: "upcasting", stage: "versioning", title: "Upcasting", module: "Upcasting",
                             files: ["Sources/Upcasting/Upcaster.swift"], instructions: "Instructions/upcasting.md", hints: []),
                ])
        } catch {
            fatalError("fixture catalog: \(error)")
        }
    }()

    static let instructions = """
        # Facts, not updates

        An event is a **fact**: something that happened. The state is computed by `evolve`.

        - one event per fact
        - past tense
        """

    static func event(_ position: Int64, _ stream: String, _ version: Int64, _ type: String, _ data: JSONValue) -> TracedEvent {
        TracedEvent(RecordedEvent(
            eventID: UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", position)) ?? UUID(),
            streamID: stream, streamVersion: version, position: position,
            recordedAt: Date(timeIntervalSince1970: 1_700_000_000 + Double(position)), eventType: type, schemaVersion: 1,
            data: (try? data.encoded()) ?? Data(), metadata: EventMetadata(correlationID: "corr-1234567890", causationID: nil)))
    }

    static let checkedIn = event(1, "guest_stay-1", 1, "GuestCheckedIn", ["stayId": "1", "room": 101])
    static let charged = event(2, "guest_stay-1", 2, "ChargeRecorded", ["stayId": "1", "amount": 100])

    static let trace: [TraceStep] = [
        TraceStep(check: "a stay is charged", title: "CheckIn guest 1 in room 101", appended: [checkedIn],
                  readModels: ["open_stays": [["stayId": "1", "balance": 0]]]),
        TraceStep(check: "a stay is charged", title: "RecordCharge 100", appended: [charged],
                  readModels: ["open_stays": [["stayId": "1", "balance": -100]]]),
    ]

    static func outcome(_ status: CheckStatus = .failed, exercise: String = "facts", workspace: Workspace = .exercises) -> CheckOutcome {
        CheckOutcome(
            exercise: exercise, workspace: workspace, status: status,
            tests: [
                CheckResult(name: "checking in opens the stay", passed: true),
                CheckResult(name: "a charge lowers the balance", passed: status == .passed,
                            message: status == .passed ? nil : "expected balance -100\nactual balance 0"),
            ],
            trace: trace, seconds: 1.25)
    }

    /// A model on `facts` at 100x30 with its instructions loaded.
    static func model(size: Size = Size(width: 100, height: 30), marks: [String: ListStatus] = [:]) -> Model {
        var model = Model(catalog: catalog, marks: marks, size: size)
        _ = App.start(&model)
        _ = App.update(&model, .instructionsLoaded(exercise: model.currentID, text: instructions))
        return model
    }

    /// `model` after a finished check.
    static func checked(_ status: CheckStatus = .failed, size: Size = Size(width: 100, height: 30)) -> Model {
        var model = model(size: size)
        _ = App.update(&model, .checkProgressed(.finished(outcome(status))))
        return model
    }
}

/// Sends keys through the keymap, as the runtime does, and collects the commands.
@discardableResult
func press(_ keys: Key..., on model: inout Model) -> [Effect] {
    var commands: [Effect] = []
    for key in keys {
        guard let intent = Keymap.intent(for: key, mode: model.inputMode) else { continue }
        commands += App.update(&model, .intent(intent))
    }
    return commands
}
