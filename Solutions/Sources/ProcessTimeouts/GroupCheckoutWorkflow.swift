import EventSourcing
import Foundation

/// The group checkout as a process manager: one place that knows the whole process, written as
/// a workflow decider. Like any decider it is pure (`decide` and `evolve`, no I/O); unlike an
/// aggregate's, its inputs are other parts' messages and its outputs are commands to them.
///
/// The processor (`Hotel`) records every input it received and every output it decided in the
/// group's own stream, in one append: the stream is the inbox and the outbox. Replaying it gives
/// the state back; reading its `Sent.*` entries tells the relay what to deliver.
///
/// Messages arrive at least once, in any order the network likes, and some never arrive: every
/// input may be a duplicate or come too late, and a deadline ends what waits for ever.
public struct GroupCheckoutWorkflow: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable {
        case notStarted, inProgress, completed, failed, timedOut
    }

    public var status: Status
    /// Stays still waiting for an answer, in the group's order.
    public var pending: [String]
    /// Stays that checked out, in the order their answers arrived.
    public var completed: [String]
    /// Stays that could not check out, in the order their answers arrived.
    public var failed: [String]

    public init(status: Status, pending: [String] = [], completed: [String] = [], failed: [String] = []) {
        self.status = status
        self.pending = pending
        self.completed = completed
        self.failed = failed
    }

    public static let initial = GroupCheckoutWorkflow(status: .notStarted)

    public static func streamID(_ groupCheckoutID: String) -> String { "group_checkout-\(groupCheckoutID)" }

    /// Whether an answer from `stayID` is still awaited. Every answer goes through this door:
    /// a duplicate (the stay is no longer pending), a stranger (never pending) and a late one
    /// (the group is over) are all turned away by the same two conditions.
    static func awaits(_ stayID: String, _ state: GroupCheckoutWorkflow) -> Bool {
        state.status == .inProgress && state.pending.contains(stayID)
    }

    /// The state after one more entry of the stream, received or sent.
    ///
    /// The stream records every input received, duplicates and latecomers included (it is the
    /// inbox: what came in is a fact). So `evolve` must be as careful as `decide`: an entry that
    /// decided nothing must change nothing, or the next replay disagrees with the last decision.
    public static func evolve(_ state: GroupCheckoutWorkflow, _ message: GroupCheckoutMessage) -> GroupCheckoutWorkflow {
        var state = state
        switch message {
        case .received(.initiateGroupCheckout(let command)):
            // A second initiation (the desk's double click, a retried request) must not reset
            // the answers already in.
            guard state.status == .notStarted else { return state }
            state.status = .inProgress
            state.pending = command.stayIDs
        case .received(.guestCheckedOut(let answer)):
            guard awaits(answer.stayID, state) else { return state }
            state.pending.removeAll { $0 == answer.stayID }
            state.completed.append(answer.stayID)
        case .received(.guestCheckoutFailed(let answer)):
            guard awaits(answer.stayID, state) else { return state }
            state.pending.removeAll { $0 == answer.stayID }
            state.failed.append(answer.stayID)
        case .received(.timeOutGroupCheckout), .sent(.checkOutGuest):
            // The reminder changes nothing by itself: the decision it led to (if any) does.
            break
        case .sent(.groupCheckoutCompleted):
            state.status = .completed
        case .sent(.groupCheckoutFailed):
            state.status = .failed
        case .sent(.groupCheckoutTimedOut):
            // Final, like the other outcomes: stays still pending stay listed as unfinished,
            // and their answers, should they come, are history, not input.
            state.status = .timedOut
        }
        return state
    }

    /// What to send in reaction to one input, given everything received and sent so far.
    ///
    /// Every branch starts by asking "is this still news?": a decision that changes nothing
    /// returns `[]`, so a redelivered message is harmless however often it comes.
    public static func decide(_ input: GroupCheckoutInput, _ state: GroupCheckoutWorkflow) -> [GroupCheckoutOutput] {
        switch input {
        case .initiateGroupCheckout(let command):
            // Already started: the commands went out the first time. Sending them again would
            // check the guests out twice (or, worse, after one of them came back to the desk).
            guard state.status == .notStarted else { return [] }
            return command.stayIDs.map { .checkOutGuest(CheckOutGuest(stayID: $0, groupCheckoutID: command.groupCheckoutID, now: command.now)) }
        case .guestCheckedOut(let answer):
            guard awaits(answer.stayID, state) else { return [] }
            return finish(answer.groupCheckoutID, evolve(state, .received(input)), at: answer.at)
        case .guestCheckoutFailed(let answer):
            guard awaits(answer.stayID, state) else { return [] }
            return finish(answer.groupCheckoutID, evolve(state, .received(input)), at: answer.at)
        case .timeOutGroupCheckout(let reminder):
            // A deadline only ends a group that is still waiting. The scheduler may fire late,
            // twice, or after the last answer: all of those find a finished group, and do nothing.
            guard state.status == .inProgress else { return [] }
            return [.groupCheckoutTimedOut(GroupCheckoutTimedOut(
                groupCheckoutID: reminder.groupCheckoutID, completedStays: state.completed, failedStays: state.failed,
                unfinishedStays: state.pending, at: reminder.now))]
        }
    }

    /// The group's outcome once no stay is pending: completed if nobody failed, else failed.
    private static func finish(_ groupCheckoutID: String?, _ state: GroupCheckoutWorkflow, at: Date) -> [GroupCheckoutOutput] {
        guard let groupCheckoutID, state.pending.isEmpty else { return [] }
        guard !state.failed.isEmpty else {
            return [.groupCheckoutCompleted(GroupCheckoutCompleted(groupCheckoutID: groupCheckoutID, completedStays: state.completed, at: at))]
        }
        return [.groupCheckoutFailed(GroupCheckoutFailed(groupCheckoutID: groupCheckoutID, completedStays: state.completed,
                                                         failedStays: state.failed, at: at))]
    }
}
