/// Rows under a header in fixed or shared-width columns, with a selection kept in view.
///
/// ```swift
/// let table = TableView(
///     columns: [TableColumn("#", width: .fixed(4), alignment: .trailing), TableColumn("Event")],
///     rows: events.map { [Line("\($0.position)"), Line($0.type)] },
///     state: model.eventsState
/// )
/// ```
public struct TableView: Widget {
    public var columns: [TableColumn]
    /// One line per column in each row; missing cells are blank.
    public var rows: [[Line]]
    public var state: ScrollState
    public var headerStyle: Style
    public var highlightStyle: Style
    /// Blank columns between two columns.
    public var columnSpacing: Int

    public init(
        columns: [TableColumn],
        rows: [[Line]],
        state: ScrollState = ScrollState(),
        headerStyle: Style = Style(isBold: true, isUnderlined: true),
        highlightStyle: Style = .reversed,
        columnSpacing: Int = 1
    ) {
        self.columns = columns
        self.rows = rows
        self.state = state
        self.headerStyle = headerStyle
        self.highlightStyle = highlightStyle
        self.columnSpacing = columnSpacing
    }

    /// Rows visible under the header in an area of `height` rows: what `update` passes to
    /// `ScrollState` as the viewport height.
    public static func viewportHeight(forAreaHeight height: Int) -> Int {
        max(0, height - 1)
    }

    public func render(in area: Rect, on grid: inout Grid) {
        guard !area.isEmpty else { return }
        // The header style runs across the whole row, so an underline reads as a rule.
        grid.fill(area.row(0), with: Cell(" ", style: headerStyle))
        let cellAreas = columnAreas(in: area.row(0))
        for (column, cellArea) in zip(columns, cellAreas) {
            draw(Line(column.title, style: headerStyle), alignment: column.alignment, in: cellArea, on: &grid)
        }
        let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        // Every row splits the same way: split once, move down.
        let first = state.visibleOffset(itemCount: rows.count, viewportHeight: body.height)
        for row in 0..<body.height {
            let index = first + row
            guard index < rows.count else { break }
            let rowArea = body.row(row)
            let isSelected = index == state.selected
            if isSelected { grid.fill(rowArea, with: Cell(" ", style: highlightStyle)) }
            let rowAreas = cellAreas.map { Rect(x: $0.x, y: rowArea.y, width: $0.width, height: 1) }
            for (column, (columnSpec, cellArea)) in zip(columns, rowAreas).enumerated() {
                guard column < rows[index].count else { continue }
                let line = isSelected ? rows[index][column].patched(with: highlightStyle) : rows[index][column]
                draw(line, alignment: columnSpec.alignment, in: cellArea, on: &grid)
            }
        }
    }

    private func columnAreas(in row: Rect) -> [Rect] {
        // Spacing slots between columns, dropped from the result afterwards.
        var constraints: [Constraint] = []
        for (index, column) in columns.enumerated() {
            if index > 0 { constraints.append(.fixed(columnSpacing)) }
            constraints.append(column.width)
        }
        return row.splitColumns(constraints).enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
    }

    private func draw(_ line: Line, alignment: TableColumn.Alignment, in area: Rect, on grid: inout Grid) {
        let indent = alignment == .trailing ? max(0, area.width - line.width) : 0
        grid.write(line, at: Point(x: area.x + indent, y: area.y), clip: area)
    }
}
