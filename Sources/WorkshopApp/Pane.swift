/// The panes of the exercise screen, numbered as their titles show (`1 Instructions`) so a
/// digit key jumps straight to one.
public enum Pane: Int, CaseIterable, Sendable, Hashable {
    case instructions = 1
    case tests = 2
    case streams = 3
    case readModels = 4

    /// The title drawn on the pane's border, with its jump number.
    public var title: String {
        switch self {
        case .instructions: "1 Instructions"
        case .tests: "2 Tests"
        case .streams: "3 Streams"
        case .readModels: "4 Read models"
        }
    }

    /// The pane after this one, wrapping around (Tab).
    public var next: Pane { Pane(rawValue: rawValue % Pane.allCases.count + 1) ?? .instructions }

    /// The pane before this one, wrapping around (Shift-Tab).
    public var previous: Pane { Pane(rawValue: (rawValue + Pane.allCases.count - 2) % Pane.allCases.count + 1) ?? .instructions }
}
