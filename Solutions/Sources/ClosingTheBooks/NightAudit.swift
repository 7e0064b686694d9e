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
        // Close: the decider returns [] if the period is closed already.
        try handler.handle(.closePeriod(now: now), on: current, context: context)
        // Whether it was closed now or on an earlier run, the summary is the stream's last
        // event: read it (backwards, one event) instead of replaying the period.
        guard let last = try store.readStream(current, from: nil, direction: .backward, limit: 1).first,
              case .folioPeriodClosed(let summary) = try FolioEvent.codec.decode(last).event else { return }
        let next = Folio.streamID(stayID: stayID, period: period + 1)
        // Opened already (this is a second run): nothing to do.
        guard try store.streamState(next) == .noStream else { return }
        let opened = FolioEvent.folioOpened(FolioOpened(
            stayID: stayID, period: period + 1, openingBalance: summary.closingBalance, openedFrom: current, at: summary.at))
        // The next period carries the balance, and nothing else: loading it reads one event.
        // It opens when the last one closed (the summary's time), whenever this append runs.
        // Caused by the summary event, so the trace explains where the opening balance came from.
        let metadata = EventMetadata(correlationID: context.eventMetadata.correlationID, causationID: last.eventID.uuidString)
        do {
            try store.append(to: next, expected: .noStream,
                             events: [FolioEvent.codec.encode(opened, eventID: makeEventID(), metadata: metadata)])
        } catch is WrongExpectedVersion {
            // Another audit opened it between our check and our append: same result.
        }
    }
}
