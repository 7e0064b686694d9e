import TerminalUI
import WorkshopKit

/// The exercise screen: a header with where the learner is and how the last check went, the
/// four panes (or one, zoomed), and a status bar with the keys of the focused pane.
struct ExerciseScreen: Widget {
    var model: Model

    func render(in area: Rect, on grid: inout Grid) {
        let layout = PaneMetrics(size: area.size, focus: model.focus, isZoomed: model.isZoomed).layout
        renderHeader(in: layout.header, on: &grid)
        for (pane, rect) in layout.panes.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let block = Block(title: title(of: pane), isFocused: pane == model.focus, glyphs: model.glyphs)
            grid.render(block, in: rect)
            let inner = block.inner(rect)
            if pane == .streams {
                grid.render(StreamsPane(model: model), in: inner)
            } else {
                let lines = PaneText.lines(pane, model, width: inner.width).map(highlightingMatches)
                grid.render(TextView(lines: lines, offset: model.offsets[pane] ?? 0), in: inner)
            }
        }
        StatusLine(model: model).render(in: layout.status, on: &grid)
    }

    private func title(of pane: Pane) -> String {
        switch pane {
        case .streams:
            if model.browser != nil { return pane.title + " · sample store" }
            if let scenario = model.scenario {
                return pane.title + " · step \(scenario.index + 1)/\(model.trace.count)"
            }
            return pane.title
        case .readModels:
            if let scenario = model.scenario {
                return pane.title + " · step \(scenario.index + 1)/\(model.trace.count)"
            }
            return pane.title
        case .tests:
            guard let outcome = model.outcome else { return pane.title }
            let passed = outcome.tests.filter(\.passed).count
            return pane.title + (outcome.tests.isEmpty ? " · \(outcome.status.summary)" : " · \(passed)/\(outcome.tests.count) passed")
        case .instructions:
            return pane.title
        }
    }

    private func highlightingMatches(_ line: Line) -> Line {
        model.search.matches(line.plainText) ? line.patched(with: Theme.match) : line
    }

    private func renderHeader(in row: Rect, on grid: inout Grid) {
        grid.fill(row, with: Cell(" ", style: Theme.header))
        guard let exercise = model.current else { return }
        let stage = model.catalog.stage(id: exercise.stage)?.title ?? exercise.stage
        let number = (model.catalog.exercises.firstIndex(of: exercise) ?? 0) + 1
        let left = " \(stage) \(model.glyphs == .ascii ? ">" : "›") \(exercise.title)  (\(exercise.id), \(number) of \(model.catalog.exercises.count))"
        grid.write(left, at: row.origin, style: Theme.header.bold(), clip: row)

        let right: Span
        switch model.activity {
        case .checking(let id, let workspace, let phase):
            let against = workspace == .solutions ? " (solution)" : ""
            let spinner = Spinner.frame(model.spinner, glyphs: model.glyphs)
            if let fullSize = model.fullSize {
                let how = fullSize.progress.map { "\(Int(($0.fraction * 100).rounded(.down)))%" } ?? phase.label
                right = Span(" \(spinner) Full-size run\(against)… \(how) ", style: Theme.header.foreground(.yellow).bold())
            } else {
                right = Span(" \(spinner) Checking \(id)\(against)… \(phase.label) ", style: Theme.header.foreground(.yellow).bold())
            }
        case .idle:
            if let outcome = model.outcome {
                let glyph = outcome.status == .passed ? Marks.passed(model.glyphs) : Marks.failed(model.glyphs)
                let against = (outcome.kind == .fullSize ? " (full size)" : "") + (outcome.workspace == .solutions ? " (solution)" : "")
                right = Span(" \(glyph) \(outcome.status.summary)\(against) ", style: Theme.header.foreground(outcome.status == .passed ? .green : .red).bold())
            } else {
                right = Span(" not checked yet ", style: Theme.header)
            }
        }
        let x = max(row.x, row.maxX - right.width)
        grid.fill(Rect(x: x, y: row.y, width: row.maxX - x, height: 1), with: Cell(" ", style: Theme.header))
        grid.write(Line([right]), at: Point(x: x, y: row.y), clip: row)
    }
}
