import EventSourcing
import Foundation

/// The front desk's entry point: load the stay's events, decide, append with the version that
/// was loaded (the library's `CommandHandler` does the load-decide-append loop).
public struct GuestStayService: Sendable {
    private let handler: CommandHandler<GuestStayCommand, GuestStayEvent, GuestStay>

    public init(store: any EventStore, makeEventID: @escaping @Sendable () -> UUID = { UUID() }) {
        handler = CommandHandler(decider: GuestStay.decider, codec: GuestStayEvent.codec, store: store,
                                 makeEventID: makeEventID)
    }

    /// The stream a command's events go to.
    public static func streamID(for command: GuestStayCommand) -> String {
        // TODO: v0 keeps one stream per guest, for life. A loyal guest's stream grows with every
        // visit, every stay is loaded with all the stays before it, and a returning guest's new
        // check-in is decided on the state of their last, checked-out stay. Give each stay its
        // own short stream instead: "guest_stay-{stayId}".
        "guest-\(command.guestID)"
    }

    /// Handles a command: the new events, or the rule it broke (`GuestStayError`).
    @discardableResult
    public func handle(_ command: GuestStayCommand, context: MessageContext) throws -> [GuestStayEvent] {
        try handler.handle(command, on: Self.streamID(for: command), context: context).events.map(\.event)
    }

    /// The state of whatever `streamID` holds, replayed from its events.
    public func load(_ streamID: String) throws -> GuestStay {
        try handler.load(streamID).state
    }
}
