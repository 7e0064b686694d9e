import CheckReport
import EventSourcing
import Foundation
import TerminalUI
import WorkshopKit

/// The lines of the text panes (Instructions, Tests, Read models), wrapped to a width.
///
/// `view` draws them and `update` counts them to clamp scrolling and to find search matches,
/// so both always agree on what is where.
enum PaneText {
    /// The lines of `pane` at `width` columns; empty for the Streams pane, which is a table.
    static func lines(_ pane: Pane, _ model: Model, width: Int) -> [Line] {
        guard width > 0 else { return [] }
        switch pane {
        case .instructions: return instructions(model, width: width)
        case .tests: return tests(model, width: width)
        case .readModels: return readModels(model, width: width)
        case .streams: return []
        }
    }

    // MARK: Instructions

    static func instructions(_ model: Model, width: Int) -> [Line] {
        var lines: [Line] = []
        if let exercise = model.current, model.hintsShown > 0 {
            for (index, hint) in exercise.hints.prefix(model.hintsShown).enumerated() {
                let title = Line([Span("Hint \(index + 1) of \(exercise.hints.count)", style: Theme.hint.bold())])
                lines.append(title)
                lines += wrap(Line(hint, style: Theme.hint), width: width, indent: 2)
                lines.append(.empty)
            }
        }
        guard let text = model.instructions else {
            return lines + [Line("Loading the instructions…", style: Theme.label)]
        }
        let rendered = model.instructionWidth == width ? model.instructionLines : Markdown(glyphs: model.glyphs).lines(text, width: width)
        return lines + rendered
    }

    // MARK: Tests

    static func tests(_ model: Model, width: Int) -> [Line] {
        var lines: [Line] = []
        let glyphs = model.glyphs
        if case .checking(let id, let workspace, let phase) = model.activity {
            let against = workspace == .solutions ? " against the solution" : ""
            if let fullSize = model.fullSize {
                let what = phase == .running ? "on the sample store" : phase.label
                lines += wrap(Line("\(Spinner.frame(model.spinner, glyphs: glyphs)) Full-size run of \(id)\(against)… \(what)", style: Theme.changed), width: width)
                if let progress = fullSize.progress {
                    lines += wrap(Line(progress.title), width: width, indent: 2, firstIndent: 2)
                    lines.append(Line([Span("  ")] + Gauge(ratio: progress.fraction, glyphs: glyphs).line(width: max(1, width - 2)).spans))
                    lines.append(Line("  \(grouped(progress.done)) of \(grouped(progress.total))", style: Theme.label))
                    if let detail = progress.detail { lines += wrap(Line(detail, style: Theme.label), width: width, indent: 2, firstIndent: 2) }
                }
                lines += wrap(Line("The Streams and Read models panes follow its steps; r stops it and runs the checks instead.", style: Theme.label), width: width)
            } else {
                lines.append(Line("\(Spinner.frame(model.spinner, glyphs: glyphs)) Checking \(id)\(against)… \(phase.label)", style: Theme.changed))
            }
            if model.outcome != nil { lines += wrap(Line("The results below are from the previous run.", style: Theme.label), width: width) }
            lines.append(.empty)
        }
        guard let outcome = model.outcome else {
            if !model.activity.isChecking {
                lines += wrap(Line("Not checked yet: press r to run the checks, or save a file.", style: Theme.label), width: width)
            }
            return lines
        }
        let failedCount = outcome.tests.filter { !$0.passed }.count
        let summary: String
        switch (outcome.status, outcome.kind) {
        case (.passed, .fullSize): summary = "\(Marks.passed(glyphs)) The full-size run passed"
        case (.failed, .fullSize): summary = "\(Marks.failed(glyphs)) The full-size run failed"
        case (.passed, _): summary = "\(Marks.passed(glyphs)) Passed: all \(outcome.tests.count) checks"
        case (.failed, _): summary = "\(Marks.failed(glyphs)) \(failedCount) of \(outcome.tests.count) checks failed"
        default: summary = "\(Marks.failed(glyphs)) The exercise \(outcome.status.summary)"
        }
        let seconds = String(format: "%.1f s", outcome.seconds)
        lines.append(Line([
            Span(summary, style: outcome.status == .passed ? Theme.passed : Theme.failed),
            Span("  \(seconds)", style: Theme.label),
        ]))
        if outcome.workspace == .solutions {
            lines += wrap(Line("These are the solution's results, not yours: press r for yours.", style: Theme.changed), width: width)
        }
        if let note = outcome.note { lines += wrap(Line(note), width: width) }
        if outcome.kind == .fullSize {
            lines += wrap(Line("On the seeded sample store (.workshop/sample.sqlite), not a check: r runs the checks again.", style: Theme.label), width: width)
        }
        lines.append(.empty)

        for test in outcome.tests {
            let mark = test.passed ? Marks.passed(glyphs) : Marks.failed(glyphs)
            lines += wrap(Line([Span(mark + " ", style: test.passed ? Theme.passed : Theme.failed), Span(test.name)]), width: width, indent: 2)
            if !test.passed, let message = test.message {
                for raw in message.split(separator: "\n", omittingEmptySubsequences: false) {
                    lines += wrap(Line(styled(String(raw))), width: width, indent: 4, firstIndent: 4)
                }
            }
        }

        let diagnostics = outcome.diagnostics
        if !diagnostics.isEmpty {
            lines.append(.empty)
            lines.append(Line("Compiler", style: Theme.heading))
            for diagnostic in diagnostics {
                let style = diagnostic.severity == .error ? Theme.failed : Theme.changed
                lines += wrap(Line([
                    Span("\(diagnostic.severity.rawValue): ", style: style),
                    Span("\(diagnostic.file):\(diagnostic.line):\(diagnostic.column)", style: .bold),
                ]), width: width, indent: 2)
                lines += wrap(Line(diagnostic.message), width: width, indent: 2, firstIndent: 2)
                if let source = diagnostic.sourceLine {
                    let number = String(diagnostic.line)
                    let gutter = String(repeating: " ", count: number.count)
                    lines.append(Line([Span("  \(number) \(glyphs.divider) ", style: Theme.label), Span(source, style: Theme.code)]))
                    let caretIndent = String(repeating: " ", count: max(0, diagnostic.column - 1))
                    lines.append(Line([Span("  \(gutter) \(glyphs.divider) ", style: Theme.label), Span(caretIndent + "^", style: style)]))
                }
            }
        }

        let showOutput = outcome.status == .crashed || outcome.status == .timedOut
            || (outcome.status == .compileError && diagnostics.isEmpty)
        if showOutput, !outcome.output.isEmpty {
            lines.append(.empty)
            lines.append(Line("Output (the end)", style: Theme.heading))
            let tail = outcome.output.split(separator: "\n", omittingEmptySubsequences: false).suffix(40)
            for raw in tail { lines += wrap(Line(String(raw), style: Theme.label), width: width) }
        }
        return lines
    }

    /// Colours the expected/actual lines of a failure message so the difference stands out.
    private static func styled(_ line: String) -> [Span] {
        let trimmed = line.trimmingCharacters(in: .whitespaces).lowercased()
        if trimmed.hasPrefix("expected") || trimmed.hasPrefix("+") { return [Span(line, style: Theme.passed)] }
        if trimmed.hasPrefix("actual") || trimmed.hasPrefix("got") || trimmed.hasPrefix("-") { return [Span(line, style: Theme.failed)] }
        return [Span(line)]
    }

    // MARK: Read models

    static func readModels(_ model: Model, width: Int) -> [Line] {
        guard let scenario = model.scenario else {
            if model.outcome == nil {
                return wrap(Line("The read models the checks build appear here after a check.", style: Theme.label), width: width)
            }
            return wrap(Line("This check recorded no scenario steps.", style: Theme.label), width: width)
        }
        guard !scenario.readModels.isEmpty else {
            return wrap(Line("No read models at this step.", style: Theme.label), width: width)
        }
        var lines: [Line] = []
        for name in scenario.readModels.keys.sorted() {
            let value = scenario.readModels[name] ?? .null
            let previous = scenario.previousReadModels[name]
            let changed = previous != value
            var title = [Span(name, style: Theme.heading)]
            if changed { title.append(Span(previous == nil ? "  new at this step" : "  changed at this step", style: Theme.changed)) }
            if !lines.isEmpty { lines.append(.empty) }
            lines.append(Line(title))
            if let text = textLines(value) {
                // A list of strings is text (a tree, a log): shown as it is, new lines marked.
                let before = Set(previous.flatMap(textLines) ?? [])
                lines += text.map { line in
                    let shown = model.glyphs == .ascii ? asciiTree(line) : line
                    return previous != nil && !before.contains(line) ? Line("+ " + shown, style: Theme.changed) : Line("  " + shown)
                }
            } else if let table = ReadModelTable(value) {
                lines += table.lines(previous: previous.flatMap(ReadModelTable.init), glyphs: model.glyphs)
            } else {
                lines += jsonLines(value, previous: changed ? previous : nil)
            }
        }
        return lines
    }

    /// The strings of a non-empty list made only of strings, else nil.
    static func textLines(_ value: JSONValue) -> [String]? {
        guard let items = value.arrayValue, !items.isEmpty else { return nil }
        let strings = items.compactMap(\.stringValue)
        return strings.count == items.count ? strings : nil
    }

    /// A tree drawn with box-drawing characters, redrawn for `--ascii` terminals.
    static func asciiTree(_ line: String) -> String {
        String(line.map { character -> Character in
            switch character {
            case "├": "+"
            case "└": "`"
            case "│": "|"
            case "─": "-"
            default: character
            }
        })
    }

    /// Pretty JSON, with the lines that differ from `previous` highlighted.
    static func jsonLines(_ value: JSONValue, previous: JSONValue?) -> [Line] {
        let text = value.prettyPrinted
        guard let previous else {
            return text.split(separator: "\n", omittingEmptySubsequences: false).map { Line(String($0)) }
        }
        return LineDiff.lines(from: previous.prettyPrinted, to: text).compactMap { entry in
            switch entry {
            case .same(let line): Line(line)
            case .added(let line): Line(line, style: Theme.changed)
            case .removed, .skipped: nil
            }
        }
    }

    // MARK: Wrapping

    /// `line` wrapped to `width`, later rows indented by `indent`, the first by `firstIndent`.
    static func wrap(_ line: Line, width: Int, indent: Int = 0, firstIndent: Int = 0) -> [Line] {
        var line = line
        if firstIndent > 0 { line.spans.insert(Span(String(repeating: " ", count: firstIndent)), at: 0) }
        guard line.width > width else { return [line] }
        return line.wrapped(width: width, hangingIndent: indent)
    }
}

/// `1234567` as `1 234 567`: long counts read at a glance.
func grouped(_ number: Int64) -> String {
    let digits = String(number.magnitude)
    var groups: [Substring] = []
    var end = digits.endIndex
    while end > digits.startIndex {
        let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
        groups.insert(digits[start..<end], at: 0)
        end = start
    }
    return (number < 0 ? "-" : "") + groups.joined(separator: " ")
}
