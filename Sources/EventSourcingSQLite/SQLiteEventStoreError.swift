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
        case notWritable
        case cannotOpen(reason: String)
        case damaged(reason: String)
        case diskFull
        case ioFailure(reason: String)
        case foreignTable(table: String)
        case newerSchema(migration: String)
        case needsMigration
        case fileMoved
        case closed
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

    /// The file or its folder may not be written by this user (the store was not opened
    /// read-only).
    public var isNotWritable: Bool { kind == .notWritable }

    /// The file is not a SQLite database, or its pages are damaged.
    public var isDamaged: Bool {
        if case .damaged = kind { true } else { false }
    }

    /// The disk (or the file system's quota) is full.
    public var isDiskFull: Bool { kind == .diskFull }

    /// The file holds tables of the same names that some other application created.
    public var isForeignFile: Bool {
        if case .foreignTable = kind { true } else { false }
    }

    /// The file was deleted or renamed while the store had it open.
    public var isFileMoved: Bool { kind == .fileMoved }

    /// `close()` was called on the store.
    public var isClosed: Bool { kind == .closed }

    /// The file could not be opened at all (a missing folder, no permission to read it).
    public var isCannotOpen: Bool {
        if case .cannotOpen = kind { true } else { false }
    }

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
        case .notWritable:
            "The event store \(path) cannot be written: this user may not write the file, or create files in its folder (SQLite keeps \(path)-wal and \(path)-shm next to it). Nothing was written; fix the permissions, or open it with `readOnly` to browse it."
        case .cannotOpen(let reason):
            "Cannot open the event store \(path) (\(reason)): its folder may not exist, or this user may not read it or create files in it. Nothing was changed; create the folder or fix its permissions."
        case .damaged(let reason):
            "The file \(path) is not an event store SQLite can read: it is not a database, or it is damaged (\(reason)). Nothing was written; restore it from a backup, or move it aside to start a new store."
        case .diskFull:
            "The disk holding the event store \(path) is full; nothing was written (the transaction rolled back). Free some space and try again."
        case .ioFailure(let reason):
            "Reading or writing the event store \(path) failed in the operating system (\(reason)); nothing was written. Check the disk and the file, then try again."
        case .foreignTable(let table):
            "The file \(path) already has a table named \(table) that no event store created (another application's database?). Nothing was changed; give the event store a file of its own."
        case .newerSchema(let migration):
            "The event store \(path) was upgraded by a newer version of this program (it has migration '\(migration)'). Nothing was changed; use the newer version to open it."
        case .needsMigration:
            "The event store \(path) needs an upgrade that a read-only open cannot make. Open it once without `readOnly` so the migrations run."
        case .fileMoved:
            "The event store file \(path) was deleted or moved while it was open, so a write would land in no file anyone can find; nothing was written. Close the store and open the file again."
        case .closed:
            "The event store \(path) is closed; nothing was read or written. Open it again to use it."
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
    static func closed(path: String) -> Self { .init(.closed, path: path) }

    private static func format(_ seconds: TimeInterval) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(format: "%.2g", seconds)
    }

    /// Rewrites the SQLite errors a user can run into (two programs at once, permissions, a
    /// damaged file, a full disk, a file deleted under the store) into sentences naming the
    /// path; everything else passes through unchanged.
    static func translating(_ error: any Error, path: String, busyTimeout: TimeInterval, readOnly: Bool) -> any Error {
        if error is DatabaseFileMoved { return Self(.fileMoved, path: path) }
        if let problem = error as? EventStoreSchema.SchemaProblem {
            return switch problem {
            case .newer(let identifier): Self(.newerSchema(migration: identifier), path: path)
            case .foreign(let table): Self(.foreignTable(table: table), path: path)
            case .behind: Self(.needsMigration, path: path)
            }
        }
        guard let error = error as? DatabaseError else { return error }
        let reason = error.message ?? "SQLite error \(error.extendedResultCode.rawValue)"
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return locked(path: path, seconds: busyTimeout)
        case .SQLITE_READONLY:
            if error.extendedResultCode == .SQLITE_READONLY_DBMOVED { return Self(.fileMoved, path: path) }
            return readOnly ? Self.readOnly(path: path) : Self(.notWritable, path: path)
        case .SQLITE_PERM, .SQLITE_AUTH: return readOnly ? Self.readOnly(path: path) : Self(.notWritable, path: path)
        case .SQLITE_CANTOPEN: return Self(.cannotOpen(reason: reason), path: path)
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: return Self(.damaged(reason: reason), path: path)
        case .SQLITE_FULL: return Self(.diskFull, path: path)
        case .SQLITE_IOERR:
            // SQLite reports ENOSPC as SQLITE_FULL, but some file systems fail a write past
            // their quota with an I/O error instead.
            return reason.localizedCaseInsensitiveContains("no space") ? Self(.diskFull, path: path)
                : Self(.ioFailure(reason: reason), path: path)
        default: return error
        }
    }
}

/// Thrown inside a write transaction whose database file is no longer where it was opened:
/// the transaction rolls back and the store says so with the path.
struct DatabaseFileMoved: Error {}
