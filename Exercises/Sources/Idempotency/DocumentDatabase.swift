import Synchronization

/// A tiny document database with transactions, standing in for the table (or Marten document
/// store, or Mongo collection) a projector writes to. Documents by key, plus named checkpoints.
///
/// ```swift
/// try database.transaction { tx in
///     try tx.put("s-1", totals)
///     try tx.setCheckpoint("folio_totals", 42)
/// }   // both writes, or (if anything threw) neither
/// ```
///
/// It can be told to crash, as a process does: `crash(afterWrites: 2)` makes the third write
/// from now throw `SimulatedCrash`, and that transaction is rolled back like any other.
public final class DocumentDatabase<Document: Sendable & Equatable>: Sendable {
    /// The view of the database inside a transaction: reads see its own writes.
    public struct Transaction {
        public fileprivate(set) var documents: [String: Document]
        public fileprivate(set) var checkpoints: [String: Int64]
        fileprivate let database: DocumentDatabase

        public func document(_ key: String) -> Document? { documents[key] }

        /// The position stored under `name`, 0 if none.
        public func checkpoint(_ name: String) -> Int64 { checkpoints[name] ?? 0 }

        public mutating func put(_ key: String, _ document: Document) throws {
            try database.write()
            documents[key] = document
        }

        public mutating func setCheckpoint(_ name: String, _ position: Int64) throws {
            try database.write()
            checkpoints[name] = position
        }
    }

    private struct Committed {
        var documents: [String: Document] = [:]
        var checkpoints: [String: Int64] = [:]
    }

    private let committed = Mutex(Committed())
    private let writesBeforeCrash = Mutex<Int?>(nil)
    private let transactionLock = Mutex(())

    public init() {}

    /// Runs `body` on a copy of the database and commits the copy only if `body` returns.
    public func transaction<T>(_ body: (inout Transaction) throws -> T) throws -> T {
        try transactionLock.withLock { _ in
            let snapshot = committed.withLock { $0 }
            var transaction = Transaction(documents: snapshot.documents, checkpoints: snapshot.checkpoints, database: self)
            let result = try body(&transaction)
            committed.withLock { $0 = Committed(documents: transaction.documents, checkpoints: transaction.checkpoints) }
            return result
        }
    }

    /// Every committed document, by key.
    public var documents: [String: Document] { committed.withLock { $0.documents } }

    /// The committed position stored under `name`, 0 if none.
    public func checkpoint(_ name: String) -> Int64 { committed.withLock { $0.checkpoints[name] ?? 0 } }

    /// Fault injection: the write after the next `writes` writes throws `SimulatedCrash` (once).
    public func crash(afterWrites writes: Int) {
        writesBeforeCrash.withLock { $0 = writes }
    }

    fileprivate func write() throws {
        try writesBeforeCrash.withLock { left in
            guard let remaining = left else { return }
            if remaining == 0 {
                left = nil
                throw SimulatedCrash()
            }
            left = remaining - 1
        }
    }
}

/// The projector's process died in the middle of a transaction: nothing of it was committed.
public struct SimulatedCrash: Error, CustomStringConvertible {
    public var description: String { "simulated crash: the process died mid-transaction" }
}
