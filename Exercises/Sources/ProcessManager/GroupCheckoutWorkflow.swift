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
        case notStarted, inProgress, completed, failed
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
    public static func evolve(_ state: GroupCheckoutWorkflow, _ message: GroupCheckoutMessage) -> GroupCheckoutWorkflow {
        // TODO: what each entry of the stream changes:
        // - received InitiateGroupCheckout: inProgress, every stay pending (in the group's order);
        // - received GuestCheckedOut / GuestCheckoutFailed: the stay leaves `pending` and joins
        //   `completed` / `failed` (in the order the answers arrive);
        // - sent CheckOutGuest: nothing (the answer is what counts);
        // - sent GroupCheckoutCompleted / GroupCheckoutFailed: status completed / failed.
        // Start from a copy (`var state = state`), change it, return it.
        switch message {
        case .received, .sent:
            break
        }
        return state
    }

    /// What to send in reaction to one input, given everything received and sent so far.
    public static func decide(_ input: GroupCheckoutInput, _ state: GroupCheckoutWorkflow) -> [GroupCheckoutOutput] {
        // TODO:
        // - InitiateGroupCheckout: one CheckOutGuest per stay, naming the group, at the command's time;
        // - a stay's answer (checked out or failed): once no stay is pending any more, one
        //   GroupCheckoutCompleted (nobody failed) or GroupCheckoutFailed (completed and failed
        //   stays), at the answer's time; while some stay is pending, nothing.
        //   Tip: `evolve(state, .received(input))` is the state with this answer in it.
        switch input {
        case .initiateGroupCheckout, .guestCheckedOut, .guestCheckoutFailed:
            return []
        }
    }
}
