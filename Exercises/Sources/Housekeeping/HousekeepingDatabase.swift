import Foundation

/// Housekeeping is not event-sourced, and does not need to be: it keeps the rooms' current state
/// in plain tables (create, read, update, delete), the way most of the hotel's software does.
/// This is that database, in memory: tables, and transactions that commit all or nothing.
public final class HousekeepingDatabase {
    public enum RoomStatus: String, Sendable, Codable { case clean, dirty }

    /// One row of `rooms`.
    public struct Room: Sendable, Equatable, Codable {
        public var roomNumber: String
        public var status: RoomStatus
        public var dirtySince: Date?
        /// How many times the room was marked dirty (the housekeepers' workload statistics).
        public var timesMarkedDirty: Int

        public init(roomNumber: String, status: RoomStatus, dirtySince: Date? = nil, timesMarkedDirty: Int = 0) {
            self.roomNumber = roomNumber
            self.status = status
            self.dirtySince = dirtySince
            self.timesMarkedDirty = timesMarkedDirty
        }
    }

    /// One row of `cleaning_tasks`: a team is sent to the room.
    public struct CleaningTask: Sendable, Equatable, Codable {
        public var roomNumber: String
        public var stayID: String
        public var createdAt: Date

        public init(roomNumber: String, stayID: String, createdAt: Date) {
            self.roomNumber = roomNumber
            self.stayID = stayID
            self.createdAt = createdAt
        }
    }

    /// All tables, as one value: a transaction works on a copy and commits it whole.
    public struct Tables: Sendable, Equatable, Codable {
        public var rooms: [String: Room] = [:]
        public var cleaningTasks: [CleaningTask] = []
        /// The inbox: ids of the messages already processed, with when.
        public var inbox: [String: Date] = [:]

        public init() {}
    }

    /// The commit failed (disk, lock, lost connection): nothing of the transaction was written.
    public struct CommitFailed: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String { "the commit failed; nothing of the transaction was written" }
    }

    public private(set) var tables = Tables()
    private var random: SeededRandom
    private let failurePercent: Int
    /// Commits that failed, in order.
    public private(set) var failedCommits = 0

    /// - Parameters:
    ///   - seed: the seed of the failures, so they reproduce.
    ///   - failurePercent: how often a commit fails (0: never).
    public init(rooms: [String], seed: UInt64 = 1, failurePercent: Int = 0) {
        for room in rooms { tables.rooms[room] = Room(roomNumber: room, status: .clean) }
        random = SeededRandom(seed: seed)
        self.failurePercent = failurePercent
    }

    /// Runs `body` on a copy of the tables and commits the copy, or nothing if `body` throws or
    /// the commit fails.
    @discardableResult
    public func transaction<T>(_ body: (inout Tables) throws -> T) throws -> T {
        var copy = tables
        let result = try body(&copy)
        if failurePercent > 0, Int(random.next() % 100) < failurePercent {
            failedCommits += 1
            throw CommitFailed()
        }
        tables = copy
        return result
    }

    /// A housekeeper finished a room (the housekeeping app's plain update).
    public func markClean(_ roomNumber: String) throws {
        try transaction { tables in
            tables.rooms[roomNumber]?.status = .clean
            tables.rooms[roomNumber]?.dirtySince = nil
        }
    }
}

/// Seeded SplitMix64: the same seed gives the same failures.
public struct SeededRandom: Sendable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
