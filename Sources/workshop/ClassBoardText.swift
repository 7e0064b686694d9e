#if Postgres
import Classroom
import Foundation
import WorkshopKit

/// The board as text on a plain terminal, redrawn as facts arrive (the store's subscription).
enum ClassBoardText {
    static func render(_ report: BoardReport) -> String {
        var lines = ["Attendees"]
        lines.append(pad("name", 20) + pad("exercise", 22) + pad("status", 14) + pad("on it", 8) + "stuck  failing")
        for row in report.attendees {
            lines.append(pad(row.name, 20) + pad(row.exercise ?? "-", 22) + pad(row.status, 14)
                + pad("\(Int(row.secondsOnIt / 60))m", 8) + pad(row.stuck ? "STUCK" : "", 7) + (row.failing ?? ""))
        }
        lines.append("")
        lines.append("Exercises")
        lines.append(pad("id", 22) + pad("attempted", 11) + pad("passed", 8) + pad("median", 9) + "most common failure")
        for row in report.exercises {
            lines.append(pad(row.id, 22) + pad("\(row.attempted)", 11) + pad("\(row.passed)", 8)
                + pad(row.medianSecondsToPass.map { "\(Int($0 / 60))m\(Int($0) % 60)s" } ?? "-", 9) + (row.commonFailure ?? ""))
        }
        return lines.joined(separator: "\n")
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        let clipped = text.count >= width ? String(text.prefix(width - 1)) : text
        return clipped + String(repeating: " ", count: width - clipped.count)
    }

    static func follow(feed: ClassBoardFeed, board: ClassBoard, stuckAfter: TimeInterval, exerciseOrder: [String]) async throws {
        var board = board
        func draw() {
            print("\u{1B}[H\u{1B}[2J" + render(board.report(now: Date(), stuckAfter: stuckAfter, exerciseOrder: exerciseOrder)), terminator: "\n")
        }
        draw()
        for try await event in feed.facts(after: board.position) {
            if let fact = ClassFact(event) { board.apply(fact) } else { board.skip(to: event.position) }
            try? feed.save(board)
            draw()
        }
    }
}
#endif
