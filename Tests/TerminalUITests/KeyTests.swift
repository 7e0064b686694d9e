import Testing
import TerminalUI

@Suite("Keys and the test terminal")
struct KeyTests {
    @Test(arguments: [
        ("\u{3}", Key.ctrl("c")), ("\u{C}", .ctrl("l")), ("\t", .tab), ("\r", .enter), ("\n", .enter),
        ("\u{1B}", .escape), ("\u{7F}", .backspace), ("\u{8}", .backspace), ("q", .character("q")),
        ("é", .character("é")), ("\u{1C}", .unknown(0x1C)),
    ] as [(Character, Key)])
    func charactersFromTheTerminalBecomeKeys(character: Character, key: Key) {
        #expect(Key(character: character) == key)
    }

    @Test @MainActor func theTestTerminalReturnsScriptedKeysThenTimesOut() {
        let terminal = TestTerminal(size: Size(width: 20, height: 5), keys: [.down, .character("q")])
        #expect(terminal.nextKey(timeout: .milliseconds(50)) == .down)
        #expect(terminal.nextKey(timeout: nil) == .character("q"))
        #expect(terminal.nextKey(timeout: .milliseconds(50)) == nil)
        #expect(terminal.requestedTimeouts == [.milliseconds(50), nil, .milliseconds(50)])
    }

    @Test @MainActor func theTestTerminalRecordsTheLastFrame() {
        let terminal = TestTerminal(size: Size(width: 5, height: 1))
        var grid = Grid(size: terminal.size)
        grid.write("one", at: .zero)
        terminal.draw(grid)
        grid.write("two", at: .zero)
        terminal.draw(grid)
        #expect(terminal.lastGrid?.text == "two")
        #expect(terminal.drawCount == 2)
    }

    @Test @MainActor func resizingTheTestTerminalQueuesAResizeKey() {
        let terminal = TestTerminal(size: Size(width: 80, height: 24), keys: [.character("a")])
        terminal.resize(to: Size(width: 60, height: 20))
        #expect(terminal.size == Size(width: 60, height: 20))
        #expect(terminal.nextKey(timeout: nil) == .character("a"))
        #expect(terminal.nextKey(timeout: nil) == .resize)
    }

    @Test @MainActor func theTestTerminalTracksSuspendBellAndRedraw() {
        let terminal: any Terminal = TestTerminal(size: Size(width: 1, height: 1))
        terminal.suspend()
        terminal.bell()
        terminal.forceFullRedraw()
        let test = terminal as? TestTerminal
        #expect(test?.isSuspended == true)
        terminal.resume()
        terminal.restore()
        #expect(test?.isSuspended == false)
        #expect(test?.bellCount == 1)
        #expect(test?.fullRedrawCount == 1)
        #expect(test?.isRestored == true)
    }
}
