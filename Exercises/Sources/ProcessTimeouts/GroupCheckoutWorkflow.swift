import EventSourcing
import Foundation

/// The group checkout as a process manager: one place that knows the whole process, written as
/// a workflow decider. Like any decider it is pure (`decide` and `evolve`, no I/O); unlike an
/// aggregate's, its inputs are other parts' messages and its outputs are commands to them.
///
/// The processor (`Hotel`) records every input it received and every output it decided in the
/// group's own stream, in one append: the stream is the inbox and the outbox. Replaying it gives
/// the state back; reading its `Sent.*` entries tells the relay what to deliver.
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

    /// The state after one more entry of the stream, received or sent.
    ///
    /// TODO: this version trusts each message to arrive once, on time. The processor records
    /// every input it receives (duplicates and latecomers too), so an entry that decided nothing
    /// must change nothing here: a second initiation must not reset the group, and an answer
    /// from a stay that is not pending (a duplicate, a stranger) or that arrives after the group
    /// is over must leave the lists as they are.
    public static func evolve(_ state: GroupCheckoutWorkflow, _ message: GroupCheckoutMessage) -> GroupCheckoutWorkflow {
        var state = state
        switch message {
        case .received(.initiateGroupCheckout(let command)):
            state.status = .inProgress
            state.pending = command.stayIDs
        case .received(.guestCheckedOut(let answer)):
            // An answer moves its stay from pending to its outcome: the three lists together
            // always hold every stay of the group exactly once.
            state.pending.removeAll { $0 == answer.stayID }
            state.completed.append(answer.stayID)
        case .received(.guestCheckoutFailed(let answer)):
            state.pending.removeAll { $0 == answer.stayID }
            state.failed.append(answer.stayID)
        case .sent(.checkOutGuest):
            // Sending a command changes nothing we decide on: the answer will.
            break
        case .sent(.groupCheckoutCompleted):
            state.status = .completed
        case .sent(.groupCheckoutFailed):
            state.status = .failed
        case .received(.timeOutGroupCheckout):
            break
        case .sent(.groupCheckoutTimedOut):
            // TODO: a timed-out group is over, like a completed or failed one.
            break
        }
        return state
    }

    /// What to send in reaction to one input, given everything received and sent so far.
    ///
    /// TODO: make every branch ask "is this still news?" first, and return [] when it is not:
    /// a second initiation, an answer from a stay that is not pending, anything after the group
    /// finished (completed, failed or timed out).
    public static func decide(_ input: GroupCheckoutInput, _ state: GroupCheckoutWorkflow) -> [GroupCheckoutOutput] {
        switch input {
        case .initiateGroupCheckout(let command):
            // Fan out: one command per stay. Each names the group, so each answer comes back here.
            return command.stayIDs.map { .checkOutGuest(CheckOutGuest(stayID: $0, groupCheckoutID: command.groupCheckoutID, now: command.now)) }
        case .guestCheckedOut(let answer):
            // Decide on the state *with* this answer: evolve is the one place that knows what
            // receiving it means, so decide reuses it instead of repeating its bookkeeping.
            return finish(answer.groupCheckoutID, evolve(state, .received(input)), at: answer.at)
        case .guestCheckoutFailed(let answer):
            return finish(answer.groupCheckoutID, evolve(state, .received(input)), at: answer.at)
        case .timeOutGroupCheckout:
            // TODO: if the group is still in progress, GroupCheckoutTimedOut with the stays
            // completed, failed and still pending (unfinished), at the reminder's time.
            // Otherwise (finished, or already timed out) nothing.
            return []
        }
    }

    /// The group's outcome once no stay is pending: completed if nobody failed, else failed,
    /// naming who is out and who is not, so the desk knows whom to call.
    private static func finish(_ groupCheckoutID: String?, _ state: GroupCheckoutWorkflow, at: Date) -> [GroupCheckoutOutput] {
        guard let groupCheckoutID, state.pending.isEmpty else { return [] }
        guard !state.failed.isEmpty else {
            return [.groupCheckoutCompleted(GroupCheckoutCompleted(groupCheckoutID: groupCheckoutID, completedStays: state.completed, at: at))]
        }
        return [.groupCheckoutFailed(GroupCheckoutFailed(groupCheckoutID: groupCheckoutID, completedStays: state.completed,
                                                         failedStays: state.failed, at: at))]
    }
}
