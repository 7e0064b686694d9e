import EventSourcing
import Foundation

/// The front desk's entry point: load the stay's events, decide, append with the version that
/// was loaded (the library's `CommandHandler` does the load-decide-append loop).
public struct GuestStayService: Sendable {
    private let handler: CommandHandler<GuestStayCommand, GuestStayEvent, GuestStay>

    public init(store: any EventStore, makeEventID: @escaping @Sendable () -> UUID = { UUID() }) {
        // Stays are read through the stream transform (pilot check-ins merged), then the codec's
        // upcasters: the decider only ever sees today's events.
        handler = CommandHandler(decider: GuestStay.decider, codec: GuestStayEvent.codec,
                                 store: TransformOnReadStore(base: store), makeEventID: makeEventID)
    }

    /// The stream a command's events go to: one short stream per stay.
    ///
    /// A stay is the unit the rules work on (its balance, its checkout), so it is the stream.
    /// It starts at check-in and ends at checkout, a handful of events: loading it stays cheap
    /// however loyal the guest, and a returning guest starts from a fresh state instead of
    /// tripping over the last stay's checkout. What spans stays (the guest's history) is a
    /// read model built from all of them: see `GuestHistory`.
    public static func streamID(for command: GuestStayCommand) -> String {
        "guest_stay-\(command.stayID)"
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
