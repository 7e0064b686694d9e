import EventSourcing

/// Keeps `FolioTotals` up to date from batches of the global log, delivered at least once.
///
/// This is the projector as v0 shipped it: every event is applied and committed on its own, and
/// no position is kept. It is right as long as every batch arrives exactly once and the process
/// never dies. Neither is true in production.
public struct FolioTotalsProjector: Sendable {
    /// The checkpoint's name.
    public static let name = "folio_totals"

    public let database: DocumentDatabase<FolioTotals>

    public init(database: DocumentDatabase<FolioTotals>) {
        self.database = database
    }

    /// Where a restarted subscription resumes: after the last position stored.
    public func checkpoint() -> Int64 {
        database.checkpoint(Self.name)
    }

    /// Applies one delivered batch (in position order, possibly seen before, possibly
    /// overlapping an earlier one).
    public func handle(_ batch: [RecordedEvent]) throws {
        let codec = GuestStayEvent.codec
        // TODO: make this safe to run twice on the same events, and after a crash halfway:
        // - one `database.transaction` for the whole batch, not one per event;
        // - inside it, read `tx.checkpoint(Self.name)` and skip every event at or below it;
        // - store the batch's last position with `tx.setCheckpoint(Self.name, ...)` in the same
        //   transaction (and never move it backwards).
        for recorded in batch {
            let event = try codec.decode(recorded).event
            try database.transaction { tx in
                var totals = tx.document(event.stayID) ?? FolioTotals(stayID: event.stayID)
                FolioTotals.apply(&totals, event)
                try tx.put(event.stayID, totals)
            }
        }
    }
}
