import EventSourcing
import Foundation

/// The folio desk and the night audit, on short period streams.
public struct NightAudit: Sendable {
    public let store: any EventStore
    private let handler: CommandHandler<FolioCommand, FolioEvent, Folio>
    private let makeEventID: @Sendable () -> UUID

    public init(store: any EventStore, makeEventID: @escaping @Sendable () -> UUID = { UUID() }) {
        self.store = store
        self.makeEventID = makeEventID
        handler = CommandHandler(decider: Folio.decider, codec: FolioEvent.codec, store: store, makeEventID: makeEventID)
    }

    /// Opens a stay's first period.
    public func openFirstPeriod(stayID: String, now: Date, context: MessageContext) throws {
        let opened = FolioEvent.folioOpened(FolioOpened(stayID: stayID, period: 1, openingBalance: 0, openedFrom: nil, at: now))
        try store.append(to: Folio.streamID(stayID: stayID, period: 1), expected: .noStream,
                         events: [FolioEvent.codec.encode(opened, eventID: makeEventID(), metadata: context.eventMetadata)])
    }

    /// Handles a charge or payment on a period.
    public func handle(_ command: FolioCommand, stayID: String, period: Int, context: MessageContext) throws {
        try handler.handle(command, on: Folio.streamID(stayID: stayID, period: period), context: context)
    }

    /// One period's state, from its own stream only.
    public func load(stayID: String, period: Int) throws -> (folio: Folio, eventsRead: Int) {
        let recorded = try store.readStream(Folio.streamID(stayID: stayID, period: period))
        let folio = try FolioEvent.codec.decode(recorded).map(\.event).reduce(Folio(), Folio.evolve)
        return (folio, recorded.count)
    }

    /// The night audit for one stay: closes `period` with a summary event and opens the next
    /// period in a new stream from that summary. Safe to run again, also after a crash between
    /// the two appends.
    public func closePeriod(stayID: String, period: Int, now: Date, context: MessageContext) throws {
        let current = Folio.streamID(stayID: stayID, period: period)
        try handler.handle(.closePeriod(now: now), on: current, context: context)
        // TODO: open the next period, `Folio.streamID(stayID:period: period + 1)`, with ONE
        // event: FolioOpened(period + 1, openingBalance: the summary's closingBalance,
        // openedFrom: current, at: the summary's `at`). Read the summary as the current stream's last event
        // (`store.readStream(current, from: nil, direction: .backward, limit: 1)`), and do
        // nothing if the next stream exists already (`store.streamState(next) == .noStream`).
    }
}
