import Foundation

/// The front desk's dashboard of one group checkout, built from the group's stream and its
/// stays' streams, whose events arrive in any order.
public struct GroupCheckoutBoard: Sendable, Equatable, Codable {
    public enum StayStatus: String, Sendable, Codable {
        case pending, checkedOut, failed
    }

    public enum Status: String, Sendable, Codable {
        /// Stay events arrived, but not the group's own start: we do not know its stays yet.
        case waitingForStart
        case inProgress
        /// Every stay of the group is out. This is what the board *shows*; it decides nothing
        /// and announces nothing. Whether the group checkout is complete is the group's own
        /// decision, recorded in its stream (the process manager of the processes stage).
        case completed
    }

    public struct Stay: Sendable, Equatable, Codable {
        public var status: StayStatus
        /// When the stay last changed (the event's time, not the time it arrived).
        public var at: Date?

        public init(status: StayStatus, at: Date? = nil) {
            self.status = status
            self.at = at
        }
    }

    public var groupCheckoutID: String
    /// Known once GroupCheckoutInitiated arrived.
    public var clerkID: String?
    public var stays: [String: Stay]
    public var status: Status
    /// The latest checkout of the group's stays, once all are out.
    public var completedAt: Date?

    public init(groupCheckoutID: String, clerkID: String? = nil, stays: [String: Stay] = [:], status: Status = .waitingForStart,
                completedAt: Date? = nil) {
        self.groupCheckoutID = groupCheckoutID
        self.clerkID = clerkID
        self.stays = stays
        self.status = status
        self.completedAt = completedAt
    }

    /// Applies one event, in whatever order it arrives, to the boards (by group id).
    ///
    /// A read model only shows: it emits no events and sends no messages. One that did would
    /// announce every completion again on each rebuild or replay, and would be deciding, which
    /// is the group stream's job.
    ///
    /// The board must end up the same whatever the arrival order, so every rule here is
    /// order-free: statuses only move forwards, times come from the events, and completion is
    /// decided from the whole board, not from "the last event".
    public static func apply(_ boards: inout [String: GroupCheckoutBoard], _ event: GroupCheckoutEvent) {
        let groupID: String
        switch event {
        case .groupCheckoutInitiated(let e):
            groupID = e.groupCheckoutID
            var board = boards[groupID] ?? GroupCheckoutBoard(groupCheckoutID: groupID)
            board.clerkID = e.clerkID
            for stayID in e.stayIDs where board.stays[stayID] == nil {
                // Only add what is missing: a stay that already checked out (its event came
                // first) must not be reset to pending by the late start.
                board.stays[stayID] = Stay(status: .pending)
            }
            if board.status == .waitingForStart { board.status = .inProgress }
            boards[groupID] = board
        case .guestCheckedOut(let e):
            guard let id = e.groupCheckoutID else { return }
            groupID = id
            // Checked out is final: nothing that arrives later moves it back.
            boards[groupID, default: GroupCheckoutBoard(groupCheckoutID: groupID)].stays[e.stayID] = Stay(status: .checkedOut, at: e.at)
        case .guestCheckoutFailed(let e):
            guard let id = e.groupCheckoutID else { return }
            groupID = id
            var board = boards[groupID] ?? GroupCheckoutBoard(groupCheckoutID: groupID)
            if board.stays[e.stayID]?.status != .checkedOut {
                board.stays[e.stayID] = Stay(status: .failed, at: e.at)
            }
            boards[groupID] = board
        }
        showCompletion(&boards, groupID)
    }

    /// Shows the group as completed when its start is known and every one of its stays is out.
    private static func showCompletion(_ boards: inout [String: GroupCheckoutBoard], _ groupID: String) {
        guard var board = boards[groupID], board.status == .inProgress,
              board.stays.values.allSatisfy({ $0.status == .checkedOut }) else { return }
        board.status = .completed
        // The latest checkout time: the same whichever checkout happened to arrive last.
        board.completedAt = board.stays.values.compactMap(\.at).max()
        boards[groupID] = board
    }
}
