import Foundation
import GRDB

/// A problem with the SQLite file itself, in a sentence that can be shown as it is.
///
/// Concurrency conflicts, repeated event ids and unreadable rows keep their own error types
/// from EventSourcing (`WrongExpectedVersion`, `DuplicateEventIDs`, `UnreadableEvent`); this
/// type covers what only a file-backed store can run into.
public struct SQLiteEventStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Kind: Hashable, Sendable {
        case locked(seconds: TimeInterval)
        case readOnly
        case notAStore
        case projectionCheckpointMoved(name: String, expected: Int64)
        case streamArchived(streamID: String, lastVersion: Int64)
        case coldStoreMismatch(coldPath: String, streamID: String)
        case coldStoreIsHotStore
    }

    private let kind: Kind
    /// The database file.
    public let path: String

    private init(_ kind: Kind, path: String) {
        self.kind = kind
        self.path = path
    }

    /// Another connection held the write lock for longer than the busy timeout.
    public var isLocked: Bool {
        if case .locked = kind { true } else { false }
    }

    /// The store was opened read-only and something tried to write.
    public var isReadOnly: Bool { kind == .readOnly }

    /// An append was refused because its stream has been moved to cold storage.
    public var isStreamArchived: Bool {
        if case .streamArchived = kind { true } else { false }
    }

    public var description: String {
        switch kind {
        case .locked(let seconds):
            "The event store \(path) is locked: another process or connection kept a write transaction open for more than \(Self.format(seconds)) s. Nothing was written; try again once it has finished."
        case .readOnly:
            "The event store \(path) is open read-only; nothing was written. Open it without `readOnly` to change it."
        case .notAStore:
            "The file \(path) is not an event store (no events table). Open it once for writing so the migrations create the tables."
        case .projectionCheckpointMoved(let name, let expected):
            "The checkpoint of projection '\(name)' in \(path) moved while a batch was applied (it was \(expected)); the batch was rolled back. Another runner is feeding the same projection."
        case .streamArchived(let streamID, let lastVersion):
            "Stream '\(streamID)' in \(path) is archived (moved to cold storage at version \(lastVersion)); nothing was appended. An archived stream is closed for good: start a new stream, or read it with readArchivedStream."
        case .coldStoreMismatch(let coldPath, let streamID):
            "The cold store \(coldPath) holds other events at the positions of stream '\(streamID)' from \(path): it belongs to another event store. Nothing was deleted from \(path); archive into a cold store of this event store."
        case .coldStoreIsHotStore:
            "Cannot archive \(path) into itself: give a separate file as the cold store. Nothing was archived."
        }
    }

    static func locked(path: String, seconds: TimeInterval) -> Self { .init(.locked(seconds: seconds), path: path) }
    static func readOnly(path: String) -> Self { .init(.readOnly, path: path) }
    static func notAStore(path: String) -> Self { .init(.notAStore, path: path) }
    static func projectionCheckpointMoved(path: String, name: String, expected: Int64) -> Self {
        .init(.projectionCheckpointMoved(name: name, expected: expected), path: path)
    }

    static func streamArchived(path: String, streamID: String, lastVersion: Int64) -> Self {
        .init(.streamArchived(streamID: streamID, lastVersion: lastVersion), path: path)
    }
    static func coldStoreMismatch(path: String, coldPath: String, streamID: String) -> Self {
        .init(.coldStoreMismatch(coldPath: coldPath, streamID: streamID), path: path)
    }
    static func coldStoreIsHotStore(path: String) -> Self { .init(.coldStoreIsHotStore, path: path) }

    private static func format(_ seconds: TimeInterval) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(format: "%.2g", seconds)
    }

    /// Rewrites the SQLite errors a user can cause by running two programs at once (or by
    /// opening read-only) into sentences; everything else passes through unchanged.
    static func translating(_ error: any Error, path: String, busyTimeout: TimeInterval) -> any Error {
        guard let error = error as? DatabaseError else { return error }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return locked(path: path, seconds: busyTimeout)
        case .SQLITE_READONLY: return readOnly(path: path)
        default: return error
        }
    }
}
