import TerminalUI

/// The exercise's files against the solution's (`d`): removed lines red with `-`, added lines
/// green with `+`, long unchanged runs shortened, so a trainer can show the change on a projector.
struct DiffScreen: Widget {
    var model: Model

    /// The lines of the diff, for the view and for scrolling.
    static func lines(_ model: Model) -> [Line] {
        guard let document = model.diff else { return [Line("Reading the files…", style: Theme.label)] }
        var lines: [Line] = []
        for file in document.files {
            if !lines.isEmpty { lines.append(.empty) }
            lines.append(Line("\(file.path)  (yours → solution)", style: Theme.heading))
            guard let mine = file.exercise, let theirs = file.solution else {
                lines.append(Line(file.exercise == nil ? "Your file is missing." : "The solution has no such file.", style: Theme.failed))
                continue
            }
            let entries = LineDiff.condensed(LineDiff.lines(from: mine, to: theirs))
            if !entries.contains(where: { if case .same = $0 { false } else if case .skipped = $0 { false } else { true } }) {
                lines.append(Line("Identical to the solution.", style: Theme.passed))
                continue
            }
            for entry in entries {
                switch entry {
                case .same(let text): lines.append(Line("  " + text))
                case .removed(let text): lines.append(Line("- " + text, style: Theme.removed))
                case .added(let text): lines.append(Line("+ " + text, style: Theme.added))
                case .skipped(let count): lines.append(Line("  \(model.glyphs.ellipsis) \(count) unchanged lines", style: Theme.label))
                }
            }
        }
        return lines
    }

    func render(in area: Rect, on grid: inout Grid) {
        let rows = area.splitRows([.fixed(1), .fill, .fixed(1)])
        grid.fill(rows[0], with: Cell(" ", style: Theme.header))
        grid.write(" Diff: \(model.currentID), your files against the solution", at: rows[0].origin, style: Theme.header.bold(), clip: rows[0])
        let body = rows[1].inset(horizontal: 1)
        grid.render(TextView(lines: Self.lines(model), offset: model.diffOffset), in: body)
        StatusLine(model: model).render(in: rows[2], on: &grid)
    }
}
