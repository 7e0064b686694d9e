import EventSourcing
import Foundation

/// The hotel's wiring: the two aggregates' command handlers, and the saga subscribed to the
/// global log from its own checkpoint. Events in, commands out, one event at a time.
public final class Hotel {
    /// One line of the saga's message log: the event it read and the commands it sent.
    public struct Reaction: Sendable, Equatable, Codable {
        public var event: String
        public var commands: [String]
    }

    public let store: any EventStore
    private let stays: CommandHandler<GuestStayCommand, GuestStayEvent, GuestStay>
    private let groups: CommandHandler<GroupCheckoutCommand, GroupCheckoutEvent, GroupCheckout>
    /// The last global position the saga processed. Kept in memory: a simplification. A real
    /// saga stores it durably, and since its commands are appended to other streams it cannot
    /// share their transaction, so it relies on the stays' and the group's deciders ignoring a
    /// command they already handled when it replays after a restart.
    public private(set) var checkpoint: Int64 = 0
    /// Everything the saga read and sent, in order.
    public private(set) var messageLog: [Reaction] = []

    public init(store: any EventStore, makeEventID: @escaping @Sendable () -> UUID = { UUID() }) {
        self.store = store
        stays = CommandHandler(decider: GuestStay.decider, codec: GuestStayEvent.codec, store: store, makeEventID: makeEventID)
        groups = CommandHandler(decider: GroupCheckout.decider, codec: GroupCheckoutEvent.codec, store: store, makeEventID: makeEventID)
    }

    public func handle(_ command: GuestStayCommand, context: MessageContext) throws {
        try stays.handle(command, on: GuestStay.streamID(command.stayID), context: context)
    }

    public func handle(_ command: GroupCheckoutCommand, context: MessageContext) throws {
        try groups.handle(command, on: GroupCheckout.streamID(command.groupCheckoutID), context: context)
    }

    public func stay(_ stayID: String) throws -> GuestStay { try stays.load(GuestStay.streamID(stayID)).state }
    public func group(_ groupCheckoutID: String) throws -> GroupCheckout { try groups.load(GroupCheckout.streamID(groupCheckoutID)).state }

    /// Delivers the next event after the checkpoint to the saga and handles the commands it
    /// returns (each caused by that event, in its flow). Returns false when there is none.
    @discardableResult
    public func deliverNext() throws -> Bool {
        guard let recorded = try store.readAll(after: checkpoint, limit: 1).first else { return false }
        var sent: [String] = []
        func context(_ number: Int) -> MessageContext {
            MessageContext(messageID: "\(recorded.eventID.uuidString.lowercased())/\(number)",
                           correlationID: recorded.metadata.correlationID ?? recorded.eventID.uuidString.lowercased())
        }
        var read = "\(recorded.eventType) in \(recorded.streamID)"
        if GroupCheckoutEvent.codec.canDecode(eventType: recorded.eventType),
           case .groupCheckoutInitiated(let e) = try GroupCheckoutEvent.codec.decode(recorded).event {
            read = "GroupCheckoutInitiated \(e.groupCheckoutID) \(e.stayIDs)"
            for (number, command) in GroupCheckoutSaga.handle(e).enumerated() {
                try handle(command, context: context(number + 1))
                sent.append("\(command)")
            }
        } else if GuestStayEvent.codec.canDecode(eventType: recorded.eventType) {
            var commands: [GroupCheckoutCommand] = []
            switch try GuestStayEvent.codec.decode(recorded).event {
            case .guestCheckedOut(let e):
                read = "GuestCheckedOut \(e.stayID) (group \(e.groupCheckoutID ?? "none"))"
                commands = GroupCheckoutSaga.handle(e)
            case .guestCheckoutFailed(let e):
                read = "GuestCheckoutFailed \(e.stayID) (group \(e.groupCheckoutID ?? "none"))"
                commands = GroupCheckoutSaga.handle(e)
            default:
                break
            }
            for (number, command) in commands.enumerated() {
                try handle(command, context: context(number + 1))
                sent.append("\(command)")
            }
        }
        checkpoint = recorded.position
        messageLog.append(Reaction(event: read, commands: sent))
        return true
    }

    /// Delivers events until the saga has caught up with the log (its own commands' events included).
    public func deliverAll() throws {
        while try deliverNext() {}
    }
}
