import EventSourcing
import Foundation

// The events a group checkout dashboard reads. They live in different streams: the group's own
// (`group_checkout-{id}`) and each stay's (`guest_stay-{stayId}`). Each stream is in order; the
// streams, read through different subscriptions or partitions, are not in order with each other.

/// The front desk started checking out a group (a tour, a wedding party) together.
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

/// One stay of a group left with a settled folio.
public struct GuestCheckedOut: Codable, Sendable, Equatable {
    public var stayID: String
    public var groupCheckoutID: String?
    public var at: Date

    public init(stayID: String, groupCheckoutID: String?, at: Date) {
        self.stayID = stayID
        self.groupCheckoutID = groupCheckoutID
        self.at = at
    }
}

/// One stay of a group could not check out (its balance is not settled yet).
public struct GuestCheckoutFailed: Codable, Sendable, Equatable {
    public var stayID: String
    public var groupCheckoutID: String?
    public var at: Date

    public init(stayID: String, groupCheckoutID: String?, at: Date) {
        self.stayID = stayID
        self.groupCheckoutID = groupCheckoutID
        self.at = at
    }
}

public enum GroupCheckoutEvent: Sendable, Equatable {
    case groupCheckoutInitiated(GroupCheckoutInitiated)
    case guestCheckedOut(GuestCheckedOut)
    case guestCheckoutFailed(GuestCheckoutFailed)

    /// The stream the event is appended to.
    public var streamID: String {
        switch self {
        case .groupCheckoutInitiated(let e): "group_checkout-\(e.groupCheckoutID)"
        case .guestCheckedOut(let e): "guest_stay-\(e.stayID)"
        case .guestCheckoutFailed(let e): "guest_stay-\(e.stayID)"
        }
    }

    public static let codec: EventCodec<GroupCheckoutEvent> = {
        var codec = EventCodec<GroupCheckoutEvent>()
        codec.register(GroupCheckoutInitiated.self, as: "GroupCheckoutInitiated", embed: GroupCheckoutEvent.groupCheckoutInitiated,
                       extract: { if case .groupCheckoutInitiated(let event) = $0 { event } else { nil } })
        codec.register(GuestCheckedOut.self, as: "GuestCheckedOut", embed: GroupCheckoutEvent.guestCheckedOut,
                       extract: { if case .guestCheckedOut(let event) = $0 { event } else { nil } })
        codec.register(GuestCheckoutFailed.self, as: "GuestCheckoutFailed", embed: GroupCheckoutEvent.guestCheckoutFailed,
                       extract: { if case .guestCheckoutFailed(let event) = $0 { event } else { nil } })
        return codec
    }()
}
