import EventSourcing
import Foundation

/// The hotel's wiring around the workflow: the processor that runs it, the stays' command
/// handler, and one subscription to the global log that relays the workflow's sent commands to
/// the stays (its outbox) and the stays' answers back to it (its inbox).
public final class Hotel {
    public let store: any EventStore
    private let stays: CommandHandler<GuestStayCommand, GuestStayEvent, GuestStay>
    private let makeEventID: @Sendable () -> UUID
    /// The last global position the relay processed. Kept in memory: a simplification. A real
    /// relay stores it durably; after a restart it resends from there, which the next exercise
    /// makes harmless.
    public private(set) var checkpoint: Int64 = 0

    public init(store: any EventStore, makeEventID: @escaping @Sendable () -> UUID = { UUID() }) {
        self.store = store
        self.makeEventID = makeEventID
        stays = CommandHandler(decider: GuestStay.decider, codec: GuestStayEvent.codec, store: store, makeEventID: makeEventID)
    }

    public func handle(_ command: GuestStayCommand, context: MessageContext) throws {
        try stays.handle(command, on: GuestStay.streamID(command.stayID), context: context)
    }

    /// The workflow's stream, decoded: everything it received and sent, in order.
    public func messages(_ groupCheckoutID: String) throws -> [GroupCheckoutMessage] {
        try GroupCheckoutMessage.codec.decode(store.readStream(GroupCheckoutWorkflow.streamID(groupCheckoutID))).map(\.event)
    }

    public func workflow(_ groupCheckoutID: String) throws -> GroupCheckoutWorkflow {
        try messages(groupCheckoutID).reduce(GroupCheckoutWorkflow.initial, GroupCheckoutWorkflow.evolve)
    }

    /// Runs the workflow on one input: load its stream, replay it, decide, and append the input
    /// with the outputs in one atomic append (retrying on a conflict), so the inbox entry and
    /// what it caused are never separated.
    @discardableResult
    public func handle(_ input: GroupCheckoutInput, groupCheckoutID: String, context: MessageContext) throws -> [GroupCheckoutOutput] {
        let streamID = GroupCheckoutWorkflow.streamID(groupCheckoutID)
        let codec = GroupCheckoutMessage.codec
        for _ in 0..<4 {
            let recorded = try store.readStream(streamID)
            let state = try codec.decode(recorded).map(\.event).reduce(GroupCheckoutWorkflow.initial, GroupCheckoutWorkflow.evolve)
            let outputs = GroupCheckoutWorkflow.decide(input, state)
            let entries = [GroupCheckoutMessage.received(input)] + outputs.map(GroupCheckoutMessage.sent)
            let data = try entries.map { try codec.encode($0, eventID: makeEventID(), metadata: context.eventMetadata) }
            let expected: ExpectedVersion = recorded.last.map { .exact($0.streamVersion) } ?? .noStream
            do {
                try store.append(to: streamID, expected: expected, events: data, outbox: [])
                return outputs
            } catch is WrongExpectedVersion {
                continue
            }
        }
        throw WrongExpectedVersion(streamID: streamID, expected: .any, actual: try store.streamState(streamID))
    }

    /// Relays the next event after the checkpoint: a `Sent.CheckOutGuest` goes to its stay; a
    /// stay's answer for a group goes to that group's workflow. Returns false when caught up.
    @discardableResult
    public func deliverNext() throws -> Bool {
        guard let recorded = try store.readAll(after: checkpoint, limit: 1).first else { return false }
        let context = MessageContext(messageID: "relay-\(recorded.eventID.uuidString.lowercased())",
                                     correlationID: recorded.metadata.correlationID ?? recorded.eventID.uuidString.lowercased())
        if recorded.eventType == "Sent.CheckOutGuest",
           case .sent(.checkOutGuest(let command)) = try GroupCheckoutMessage.codec.decode(recorded).event {
            try handle(.checkOutGuest(stayID: command.stayID, groupCheckoutID: command.groupCheckoutID, now: command.now), context: context)
        } else if recorded.streamID.hasPrefix("guest_stay-") {
            switch try GuestStayEvent.codec.decode(recorded).event {
            case .guestCheckedOut(let answer):
                if let group = answer.groupCheckoutID { try handle(.guestCheckedOut(answer), groupCheckoutID: group, context: context) }
            case .guestCheckoutFailed(let answer):
                if let group = answer.groupCheckoutID { try handle(.guestCheckoutFailed(answer), groupCheckoutID: group, context: context) }
            default:
                break
            }
        }
        checkpoint = recorded.position
        return true
    }

    /// Relays until caught up with the log.
    public func deliverAll() throws {
        while try deliverNext() {}
    }
}
