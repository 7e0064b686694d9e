#if Postgres
import EventSourcing
import EventSourcingPostgres
import Foundation
import PostgresNIO
import WorkshopKit

/// The trainer's board fed from the class log: the folded `ClassBoard` is saved with its
/// checkpoint (one row of `board_state`, state and position in one statement), so a board
/// restarted resumes where it stopped, and two boards at once each keep it current.
///
/// ```swift
/// let feed = try ClassBoardFeed(boardURL: url)
/// var board = try feed.load()
/// try feed.catchUp(&board)               // the log so far
/// for try await _ in feed.follow(&board) { … }  // then live (see `follow`)
/// ```
public final class ClassBoardFeed: @unchecked Sendable {
    public let store: PostgresEventStore
    public let className: String
    /// The row this board keeps its state in.
    private let key = "board"

    public init(boardURL: String) throws {
        let url: PostgresStoreURL
        do {
            url = try PostgresStoreURL(boardURL)
        } catch {
            throw ClassError(.input, "The board URL does not parse: \(error)")
        }
        guard let name = ClassName.fromRole(url.user), url.user.hasSuffix("_board") else {
            throw ClassError(.input, "That is not a class's board URL (its user should be class_NAME_board); `workshop class create` printed it.")
        }
        className = name
        do {
            store = try PostgresEventStore(url: url)
        } catch {
            throw ClassError(.refused, "\(error)")
        }
    }

    /// The saved board, or an empty one.
    public func load() throws -> ClassBoard {
        try store.withConnection { connection in
            let rows = try connection.query("SELECT state FROM board_state WHERE board = \(key)", logger: ClassConnection.logger).wait().rows
            guard let text = try rows.first?.decode(String.self) else { return ClassBoard() }
            return (try? JSONDecoder().decode(ClassBoard.self, from: Data(text.utf8))) ?? ClassBoard()
        }
    }

    /// Saves the board at its position, unless a board further on saved already.
    public func save(_ board: ClassBoard) throws {
        let text = String(decoding: try JSONEncoder().encode(board), as: UTF8.self)
        try store.withConnection { connection in
            _ = try connection.query("""
                INSERT INTO board_state (board, position, state) VALUES (\(key), \(board.position), \(text))
                ON CONFLICT (board) DO UPDATE SET position = excluded.position, state = excluded.state
                WHERE board_state.position < excluded.position
                """, logger: ClassConnection.logger).wait()
        }
    }

    /// Folds the log after the board's position into it, and saves it when it moved.
    @discardableResult
    public func catchUp(_ board: inout ClassBoard, batch: Int = 1_000) throws -> Int {
        var folded = 0
        while true {
            let events = try store.readAll(after: board.position, limit: batch)
            guard !events.isEmpty else { break }
            for event in events {
                if let fact = ClassFact(event) { board.apply(fact) } else { board.skip(to: event.position) }
            }
            folded += events.count
        }
        if folded > 0 { try save(board) }
        return folded
    }

    /// A board rebuilt from the whole log, ignoring the saved one.
    public func rebuild() throws -> ClassBoard {
        var board = ClassBoard()
        var after: Int64 = 0
        while true {
            let events = try store.readAll(after: after, limit: 1_000)
            guard let last = events.last else { return board }
            for event in events { if let fact = ClassFact(event) { board.apply(fact) } else { board.skip(to: event.position) } }
            after = last.position
        }
    }

    /// The log from `position` on, live (the store's subscription: LISTEN/NOTIFY, polling as
    /// a fallback), as facts.
    public func facts(after position: Int64) -> AsyncThrowingStream<RecordedEvent, any Error> {
        let subscription = store.subscribe(after: position)
        return AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await event in subscription { continuation.yield(event) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
#endif
