import Testing
import TerminalUI

@Suite("Styles and colour modes")
struct StyleTests {
    @Test func monochromeDropsColoursButKeepsReverseAndBold() {
        let selected = Style(foreground: .red, background: .blue, isBold: true, isReversed: true)
        let adapted = selected.adapted(to: .monochrome)
        #expect(adapted == Style(isBold: true, isReversed: true))
        #expect(selected.adapted(to: .colors) == selected)
    }

    @Test func aMonochromeGridKeepsItsSelectionVisible() {
        var grid = Grid(size: Size(width: 4, height: 1))
        grid.write("ab", at: .zero, style: Style(foreground: .green).reversed())
        let plain = grid.adapted(to: .monochrome)
        #expect(plain[0, 0].style == .reversed)
        #expect(plain.styleMap == "rr")
        #expect(plain.text == grid.text)
    }

    @Test(arguments: [
        ([:], false, ColorMode.colors),
        (["NO_COLOR": "1"], false, .monochrome),
        (["NO_COLOR": ""], false, .colors),
        ([:], true, .monochrome),
    ] as [([String: String], Bool, ColorMode)])
    func colourModeFollowsNoColorAndTheFlag(environment: [String: String], flag: Bool, expected: ColorMode) {
        #expect(ColorMode.requested(environment: environment, noColorFlag: flag) == expected)
    }

    @Test func patchingAddsAttributesAndOverridesOnlySetColours() {
        let base = Style(foreground: .yellow, isBold: true)
        let patched = base.patched(with: Style(background: .blue, isReversed: true))
        #expect(patched == Style(foreground: .yellow, background: .blue, isBold: true, isReversed: true))
    }

    @Test func everyColourButTheDefaultHasAnAnsiNumber() {
        let numbers = TerminalColor.allCases.compactMap(\.ansiIndex)
        #expect(numbers == Array(0...15))
        #expect(TerminalColor.default.ansiIndex == nil)
    }
}
