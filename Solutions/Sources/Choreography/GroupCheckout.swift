import EventSourcing
import Foundation

// A group checkout: a tour leaves together, and the desk wants one answer for the whole group.
// Stream: `group_checkout-{id}`. This aggregate only keeps score; it never talks to the stays.
// The saga (GroupCheckoutSaga) carries messages between the two.

/// The desk started checking out a group of stays together.
public struct GroupCheckoutInitiated: Codable, Sendable, Equatable {
    public var groupCheckoutID: String
    public var clerkID: String
    public var stayIDs: [String]
    public var at: Date

    public init(groupCheckoutID: String, clerkID: String, stayIDs: [String], at: Date) {
        self.groupCheckoutID = groupCheckoutID
        self.clerkID = clerkID
        self.stayIDs = stayIDs
        self.at = at
    }
}

/// One of the group's stays checked out.
public struct GuestCheckoutCompletionRecorded: Codable, Sendable, Equatable {
    public var groupCheckoutID: String
    public var stayID: String
    public var at: Date

    public init(groupCheckoutID: String, stayID: String, at: Date) {
        self.groupCheckoutID = groupCheckoutID
        self.stayID = stayID
        self.at = at
    }
}

/// One of the group's stays could not check out.
public struct GuestCheckoutFailureRecorded: Codable, Sendable, Equatable {
    public var groupCheckoutID: String
    public var stayID: String
    public var at: Date

    public init(groupCheckoutID: String, stayID: String, at: Date) {
        self.groupCheckoutID = groupCheckoutID
        self.stayID = stayID
        self.at = at
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

/// Every stay answered, and some could not check out: the desk follows up with those.
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

public enum GroupCheckoutEvent: Sendable, Equatable {
    case groupCheckoutInitiated(GroupCheckoutInitiated)
    case guestCheckoutCompletionRecorded(GuestCheckoutCompletionRecorded)
    case guestCheckoutFailureRecorded(GuestCheckoutFailureRecorded)
    case groupCheckoutCompleted(GroupCheckoutCompleted)
    case groupCheckoutFailed(GroupCheckoutFailed)

    public static let codec: EventCodec<GroupCheckoutEvent> = {
        var codec = EventCodec<GroupCheckoutEvent>()
        codec.register(GroupCheckoutInitiated.self, as: "GroupCheckoutInitiated", embed: GroupCheckoutEvent.groupCheckoutInitiated,
                       extract: { if case .groupCheckoutInitiated(let event) = $0 { event } else { nil } })
        codec.register(GuestCheckoutCompletionRecorded.self, as: "GuestCheckoutCompletionRecorded",
                       embed: GroupCheckoutEvent.guestCheckoutCompletionRecorded,
                       extract: { if case .guestCheckoutCompletionRecorded(let event) = $0 { event } else { nil } })
        codec.register(GuestCheckoutFailureRecorded.self, as: "GuestCheckoutFailureRecorded",
                       embed: GroupCheckoutEvent.guestCheckoutFailureRecorded,
                       extract: { if case .guestCheckoutFailureRecorded(let event) = $0 { event } else { nil } })
        codec.register(GroupCheckoutCompleted.self, as: "GroupCheckoutCompleted", embed: GroupCheckoutEvent.groupCheckoutCompleted,
                       extract: { if case .groupCheckoutCompleted(let event) = $0 { event } else { nil } })
        codec.register(GroupCheckoutFailed.self, as: "GroupCheckoutFailed", embed: GroupCheckoutEvent.groupCheckoutFailed,
                       extract: { if case .groupCheckoutFailed(let event) = $0 { event } else { nil } })
        return codec
    }()
}

/// What the desk and the saga ask of a group checkout.
public enum GroupCheckoutCommand: Sendable, Equatable {
    case initiateGroupCheckout(groupCheckoutID: String, clerkID: String, stayIDs: [String], now: Date)
    case recordGuestCheckoutCompletion(groupCheckoutID: String, stayID: String, now: Date)
    case recordGuestCheckoutFailure(groupCheckoutID: String, stayID: String, now: Date)

    public var groupCheckoutID: String {
        switch self {
        case .initiateGroupCheckout(let id, _, _, _), .recordGuestCheckoutCompletion(let id, _, _),
             .recordGuestCheckoutFailure(let id, _, _):
            id
        }
    }
}

/// The group's score: each stay pending, checked out or failed, in the order they were listed.
public struct GroupCheckout: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable { case notStarted, inProgress, completed, failed }
    public enum StayStatus: String, Sendable, Codable { case pending, checkedOut, failed }

    public var status: Status
    public var stayIDs: [String]
    public var stays: [String: StayStatus]

    public static let initial = GroupCheckout(status: .notStarted, stayIDs: [], stays: [:])

    public static func streamID(_ groupCheckoutID: String) -> String { "group_checkout-\(groupCheckoutID)" }

    public static func evolve(_ state: GroupCheckout, _ event: GroupCheckoutEvent) -> GroupCheckout {
        var state = state
        switch event {
        case .groupCheckoutInitiated(let e):
            state.status = .inProgress
            state.stayIDs = e.stayIDs
            for stayID in e.stayIDs { state.stays[stayID] = .pending }
        case .guestCheckoutCompletionRecorded(let e): state.stays[e.stayID] = .checkedOut
        case .guestCheckoutFailureRecorded(let e): state.stays[e.stayID] = .failed
        case .groupCheckoutCompleted: state.status = .completed
        case .groupCheckoutFailed: state.status = .failed
        }
        return state
    }

    public static func decide(_ command: GroupCheckoutCommand, _ state: GroupCheckout) throws -> [GroupCheckoutEvent] {
        switch command {
        case .initiateGroupCheckout(let id, let clerkID, let stayIDs, let now):
            guard state.status == .notStarted else { return [] }
            return [.groupCheckoutInitiated(GroupCheckoutInitiated(groupCheckoutID: id, clerkID: clerkID, stayIDs: stayIDs, at: now))]
        case .recordGuestCheckoutCompletion(let id, let stayID, let now):
            guard state.status == .inProgress, state.stays[stayID] == .pending else { return [] }
            let recorded = GroupCheckoutEvent.guestCheckoutCompletionRecorded(GuestCheckoutCompletionRecorded(groupCheckoutID: id, stayID: stayID, at: now))
            return [recorded] + finish(id, evolve(state, recorded), now)
        case .recordGuestCheckoutFailure(let id, let stayID, let now):
            guard state.status == .inProgress, state.stays[stayID] == .pending else { return [] }
            let recorded = GroupCheckoutEvent.guestCheckoutFailureRecorded(GuestCheckoutFailureRecorded(groupCheckoutID: id, stayID: stayID, at: now))
            return [recorded] + finish(id, evolve(state, recorded), now)
        }
    }

    /// Once every stay answered: completed if all checked out, else failed.
    private static func finish(_ id: String, _ state: GroupCheckout, _ now: Date) -> [GroupCheckoutEvent] {
        guard !state.stayIDs.contains(where: { state.stays[$0] == .pending }) else { return [] }
        let completed = state.stayIDs.filter { state.stays[$0] == .checkedOut }
        let failed = state.stayIDs.filter { state.stays[$0] == .failed }
        return failed.isEmpty
            ? [.groupCheckoutCompleted(GroupCheckoutCompleted(groupCheckoutID: id, completedStays: completed, at: now))]
            : [.groupCheckoutFailed(GroupCheckoutFailed(groupCheckoutID: id, completedStays: completed, failedStays: failed, at: now))]
    }

    public static let decider = Decider<GroupCheckoutCommand, GroupCheckoutEvent, GroupCheckout>(
        initialState: .initial, evolve: evolve, decide: decide)
}

extension GroupCheckoutCommand: CustomStringConvertible {
    /// The command in one short line, for the message log and check messages.
    public var description: String {
        switch self {
        case .initiateGroupCheckout(let id, _, let stayIDs, _): "InitiateGroupCheckout \(id) \(stayIDs)"
        case .recordGuestCheckoutCompletion(let id, let stayID, let now): "RecordGuestCheckoutCompletion \(id) \(stayID) (at \(now.timestamp))"
        case .recordGuestCheckoutFailure(let id, let stayID, let now): "RecordGuestCheckoutFailure \(id) \(stayID) (at \(now.timestamp))"
        }
    }
}
