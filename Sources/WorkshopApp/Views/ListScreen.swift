import TerminalUI
import WorkshopKit

/// Every exercise by stage with its mark (passed, failed, pending) and the current one, a
/// progress gauge, and the filter typed after `/`.
struct ListScreen: Widget {
    var model: Model

    func render(in area: Rect, on grid: inout Grid) {
        let rows = area.splitRows([.fixed(1), .fixed(1), .fill, .fixed(1)])
        let glyphs = model.glyphs
        let total = model.catalog.exercises.count
        let passed = model.catalog.exercises.filter { model.mark(of: $0.id) == .passed }.count
        grid.fill(rows[0], with: Cell(" ", style: Theme.header))
        grid.write(" Event Sourcing in production · the workshop", at: rows[0].origin, style: Theme.header.bold(), clip: rows[0])
        let gaugeArea = rows[1].inset(horizontal: 1)
        grid.render(Gauge(ratio: total == 0 ? 0 : Double(passed) / Double(total), label: "\(passed) of \(total) passed", glyphs: glyphs), in: gaugeArea)

        let title = model.filter.query.isEmpty ? "Exercises" : "Exercises matching \u{201C}\(model.filter.query)\u{201D}"
        let block = Block(title: title, isFocused: true, glyphs: glyphs)
        grid.render(block, in: rows[2])
        let inner = block.inner(rows[2])

        let exercises = model.listedExercises
        let idWidth = (model.catalog.exercises.map(\.id.displayWidth).max() ?? 0) + 2
        var items: [Line] = []
        var selectedRow: Int?
        var lastStage: String?
        for (index, exercise) in exercises.enumerated() {
            if exercise.stage != lastStage {
                lastStage = exercise.stage
                let stageNumber = (model.catalog.stages.firstIndex { $0.id == exercise.stage } ?? 0) + 1
                items.append(Line("\(stageNumber) \(model.catalog.stage(id: exercise.stage)?.title ?? exercise.stage)", style: Theme.heading))
            }
            if index == model.listSelection.selected { selectedRow = items.count }
            let isCurrent = exercise.id == model.currentID
            items.append(Line([
                Span(isCurrent ? " \(Marks.current(glyphs)) " : "   ", style: .bold),
                Marks.of(model.mark(of: exercise.id), glyphs: glyphs),
                Span(" " + pad(exercise.id, to: idWidth), style: isCurrent ? .bold : .plain),
                Span(exercise.title),
            ]))
        }
        if items.isEmpty { items.append(Line("No exercise matches; Esc clears the filter.", style: Theme.label)) }
        grid.render(ListView(items: items, state: ScrollState(selected: selectedRow), highlightStyle: Theme.selection), in: inner)
        StatusLine(model: model).render(in: rows[3], on: &grid)
    }

    private func pad(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(1, width - text.displayWidth))
    }
}
