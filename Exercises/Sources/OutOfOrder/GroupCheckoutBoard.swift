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
    public static func apply(_ boards: inout [String: GroupCheckoutBoard], _ event: GroupCheckoutEvent) {
        // TODO: keep one board per group, whatever order the events come in:
        // - GroupCheckoutInitiated: the clerk, and each listed stay as pending (unless the stay
        //   is already on the board: its own event may have come first); status inProgress;
        // - GuestCheckedOut / GuestCheckoutFailed of a group's stay (groupCheckoutID not nil):
        //   that stay's status and time, creating the board if needed (status waitingForStart);
        //   checked out is final;
        // - then, if the board is inProgress and every stay is checked out: status completed,
        //   completedAt the latest checkout time.
    }
}
