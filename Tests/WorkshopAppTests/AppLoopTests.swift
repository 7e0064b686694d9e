import Synchronization
import TerminalUI
import Testing
import WorkshopKit
@testable import WorkshopApp

/// EffectInterpreter that record commands and answer checks at once with a scripted outcome.
final class RecordingEffects: EffectInterpreter {
    let commands = Mutex<[Effect]>([])
    let editorRuns = Mutex<[String]>([])
    let status: CheckStatus

    init(status: CheckStatus) { self.status = status }

    func perform(_ command: Effect, send: @escaping @Sendable (Msg) -> Void) {
        commands.withLock { $0.append(command) }
        switch command {
        case .loadInstructions(let id): send(.instructionsLoaded(exercise: id, text: Fixtures.instructions))
        case .runCheck(let id, let workspace):
            send(.checkProgressed(.checking(exercise: id, workspace: workspace)))
            send(.checkProgressed(.finished(Fixtures.outcome(status, exercise: id, workspace: workspace))))
        default: break
        }
    }

    func runEditor(path: String, line: Int?) -> String? {
        editorRuns.withLock { $0.append(path) }
        return nil
    }

    func shutdown() async {}
}

@Suite("runtime")
@MainActor
struct RuntimeTests {
    @Test func resultsFromBackgroundWorkReachTheScreen() {
        let terminal = TestTerminal(size: Size(width: 100, height: 30))
        let effects = RecordingEffects(status: .passed)
        let runtime = AppLoop(terminal: terminal, model: Model(catalog: Fixtures.catalog, size: terminal.size), effects: effects)
        runtime.run(maxIdlePolls: 3)
        #expect(terminal.lastGrid?.text.contains("✔ passed") == true)
        #expect(terminal.lastGrid?.text.contains("Passed! Press n for the next exercise.") == true)
        #expect(terminal.isRestored)
    }

    @Test func keysBecomeCommandsAndQuitRestoresTheTerminal() {
        let terminal = TestTerminal(size: Size(width: 100, height: 30), keys: [.character("r"), .character("e"), .ctrl("l"), .character("q")])
        let effects = RecordingEffects(status: .failed)
        let runtime = AppLoop(terminal: terminal, model: Model(catalog: Fixtures.catalog, size: terminal.size), effects: effects)
        runtime.run()
        let runs = effects.commands.withLock { $0.filter { if case .runCheck = $0 { true } else { false } } }
        #expect(runs.count == 2)
        #expect(effects.editorRuns.withLock { $0 } == ["Exercises/Sources/Facts/GuestStay.swift"])
        #expect(!terminal.isSuspended)
        #expect(terminal.fullRedrawCount == 1)
        #expect(terminal.isRestored)
    }

    @Test func resizingRedrawsAtTheNewSize() {
        let terminal = TestTerminal(size: Size(width: 100, height: 30))
        terminal.resize(to: Size(width: 50, height: 15))
        let runtime = AppLoop(terminal: terminal, model: Model(catalog: Fixtures.catalog, size: terminal.size), effects: RecordingEffects(status: .passed))
        runtime.run(maxIdlePolls: 2)
        #expect(terminal.lastGrid?.size == Size(width: 50, height: 15))
        #expect(terminal.lastGrid?.text.contains("Terminal too small") == true)
    }

    @Test func aStopRequestEndsTheLoop() {
        let terminal = TestTerminal(size: Size(width: 100, height: 30))
        let runtime = AppLoop(terminal: terminal, model: Model(catalog: Fixtures.catalog, size: terminal.size),
                              effects: RecordingEffects(status: .passed), shouldStop: { true })
        runtime.run()
        #expect(terminal.isRestored)
    }

    @Test func aTerminalThatGoesAwayEndsTheLoop() {
        let terminal = TestTerminal(size: Size(width: 100, height: 30), keys: [.character("2")])
        terminal.disconnect()
        let runtime = AppLoop(terminal: terminal, model: Model(catalog: Fixtures.catalog, size: terminal.size),
                              effects: RecordingEffects(status: .passed))
        // No idle limit and no quit key: only the disconnection can end this run.
        runtime.run()
        #expect(terminal.isDisconnected)
        #expect(terminal.isRestored)
        #expect(runtime.model.focus == .tests, "the keys before the disconnection were handled")
    }
}
