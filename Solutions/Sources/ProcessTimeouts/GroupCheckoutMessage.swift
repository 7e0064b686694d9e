import EventSourcing
import Foundation

// The group checkout as a workflow: what comes in (its inputs), what goes out (its outputs),
// and the stream `group_checkout-{id}` that records both, in order: its inbox and its outbox.

/// The desk asks to check a group of stays out together.
public struct InitiateGroupCheckout: Codable, Sendable, Equatable {
    public var groupCheckoutID: String
    public var clerkID: String
    public var stayIDs: [String]
    public var now: Date

    public init(groupCheckoutID: String, clerkID: String, stayIDs: [String], now: Date) {
        self.groupCheckoutID = groupCheckoutID
        self.clerkID = clerkID
        self.stayIDs = stayIDs
        self.now = now
    }
}

/// The scheduler's reminder: the group's deadline passed. Sent at least once, maybe late, maybe
/// twice, maybe after the group already finished.
public struct TimeOutGroupCheckout: Codable, Sendable, Equatable {
    public var groupCheckoutID: String
    public var now: Date

    public init(groupCheckoutID: String, now: Date) {
        self.groupCheckoutID = groupCheckoutID
        self.now = now
    }
}

/// The workflow asks one stay to check out, on behalf of its group.
public struct CheckOutGuest: Codable, Sendable, Equatable {
    public var stayID: String
    public var groupCheckoutID: String
    public var now: Date

    public init(stayID: String, groupCheckoutID: String, now: Date) {
        self.stayID = stayID
        self.groupCheckoutID = groupCheckoutID
        self.now = now
    }
}

/// Every stay of the group checked out.
public struct GroupCheckoutCompleted: Codable, Sendable, Equatable {
    public var groupCheckoutID: String
    public var completedStays: [String]
    public var at: Date

    public init(groupCheckoutID: String, completedStays: [String], at: Date) {
        self.groupCheckoutID = groupCheckoutID
        self.completedStays = completedStays
        self.at = at
    }
}

/// Every stay answered, and some could not check out.
public struct GroupCheckoutFailed: Codable, Sendable, Equatable {
    public var groupCheckoutID: String
    public var completedStays: [String]
    public var failedStays: [String]
    public var at: Date

    public init(groupCheckoutID: String, completedStays: [String], failedStays: [String], at: Date) {
        self.groupCheckoutID = groupCheckoutID
        self.completedStays = completedStays
        self.failedStays = failedStays
        self.at = at
    }
}

/// The deadline passed before every stay answered: the desk takes over, with the list of who is
/// out, who failed, and who never answered.
public struct GroupCheckoutTimedOut: Codable, Sendable, Equatable {
    public var groupCheckoutID: String
    public var completedStays: [String]
    public var failedStays: [String]
    public var unfinishedStays: [String]
    public var at: Date

    public init(groupCheckoutID: String, completedStays: [String], failedStays: [String], unfinishedStays: [String], at: Date) {
        self.groupCheckoutID = groupCheckoutID
        self.completedStays = completedStays
        self.failedStays = failedStays
        self.unfinishedStays = unfinishedStays
        self.at = at
    }
}

/// What the workflow reacts to: the desk's command, and the stays' answers.
public enum GroupCheckoutInput: Sendable, Equatable {
    case initiateGroupCheckout(InitiateGroupCheckout)
    case guestCheckedOut(GuestCheckedOut)
    case guestCheckoutFailed(GuestCheckoutFailed)
    case timeOutGroupCheckout(TimeOutGroupCheckout)
}

/// What the workflow produces: commands for the stays, and its own outcome for everyone else.
public enum GroupCheckoutOutput: Sendable, Equatable {
    case checkOutGuest(CheckOutGuest)
    case groupCheckoutCompleted(GroupCheckoutCompleted)
    case groupCheckoutFailed(GroupCheckoutFailed)
    case groupCheckoutTimedOut(GroupCheckoutTimedOut)
}

/// One entry of the workflow's stream: a message it received, or one it sent.
public enum GroupCheckoutMessage: Sendable, Equatable {
    case received(GroupCheckoutInput)
    case sent(GroupCheckoutOutput)

    /// Stored as `Received.<type>` and `Sent.<type>`, so the stream reads as a conversation.
    public static let codec: EventCodec<GroupCheckoutMessage> = {
        var codec = EventCodec<GroupCheckoutMessage>()
        codec.register(InitiateGroupCheckout.self, as: "Received.InitiateGroupCheckout",
                       embed: { .received(.initiateGroupCheckout($0)) },
                       extract: { if case .received(.initiateGroupCheckout(let m)) = $0 { m } else { nil } })
        codec.register(GuestCheckedOut.self, as: "Received.GuestCheckedOut",
                       embed: { .received(.guestCheckedOut($0)) },
                       extract: { if case .received(.guestCheckedOut(let m)) = $0 { m } else { nil } })
        codec.register(GuestCheckoutFailed.self, as: "Received.GuestCheckoutFailed",
                       embed: { .received(.guestCheckoutFailed($0)) },
                       extract: { if case .received(.guestCheckoutFailed(let m)) = $0 { m } else { nil } })
        codec.register(TimeOutGroupCheckout.self, as: "Received.TimeOutGroupCheckout",
                       embed: { .received(.timeOutGroupCheckout($0)) },
                       extract: { if case .received(.timeOutGroupCheckout(let m)) = $0 { m } else { nil } })
        codec.register(GroupCheckoutTimedOut.self, as: "Sent.GroupCheckoutTimedOut",
                       embed: { .sent(.groupCheckoutTimedOut($0)) },
                       extract: { if case .sent(.groupCheckoutTimedOut(let m)) = $0 { m } else { nil } })
        codec.register(CheckOutGuest.self, as: "Sent.CheckOutGuest",
                       embed: { .sent(.checkOutGuest($0)) },
                       extract: { if case .sent(.checkOutGuest(let m)) = $0 { m } else { nil } })
        codec.register(GroupCheckoutCompleted.self, as: "Sent.GroupCheckoutCompleted",
                       embed: { .sent(.groupCheckoutCompleted($0)) },
                       extract: { if case .sent(.groupCheckoutCompleted(let m)) = $0 { m } else { nil } })
        codec.register(GroupCheckoutFailed.self, as: "Sent.GroupCheckoutFailed",
                       embed: { .sent(.groupCheckoutFailed($0)) },
                       extract: { if case .sent(.groupCheckoutFailed(let m)) = $0 { m } else { nil } })
        return codec
    }()
}

extension GroupCheckoutInput: CustomStringConvertible {
    public var description: String {
        switch self {
        case .initiateGroupCheckout(let m): "InitiateGroupCheckout \(m.groupCheckoutID) \(m.stayIDs)"
        case .guestCheckedOut(let e): "GuestCheckedOut \(e.stayID) (group \(e.groupCheckoutID ?? "none"))"
        case .guestCheckoutFailed(let e): "GuestCheckoutFailed \(e.stayID) (group \(e.groupCheckoutID ?? "none"))"
        case .timeOutGroupCheckout(let m): "TimeOutGroupCheckout \(m.groupCheckoutID)"
        }
    }
}

extension GroupCheckoutOutput: CustomStringConvertible {
    public var description: String {
        switch self {
        case .checkOutGuest(let c): "CheckOutGuest \(c.stayID) (group \(c.groupCheckoutID))"
        case .groupCheckoutCompleted(let e): "GroupCheckoutCompleted \(e.groupCheckoutID) completed \(e.completedStays)"
        case .groupCheckoutFailed(let e): "GroupCheckoutFailed \(e.groupCheckoutID) completed \(e.completedStays) failed \(e.failedStays)"
        case .groupCheckoutTimedOut(let e):
            "GroupCheckoutTimedOut \(e.groupCheckoutID) completed \(e.completedStays) failed \(e.failedStays) unfinished \(e.unfinishedStays)"
        }
    }
}

extension GroupCheckoutMessage: CustomStringConvertible {
    public var description: String {
        switch self {
        case .received(let input): "received \(input)"
        case .sent(let output): "sent \(output)"
        }
    }
}
