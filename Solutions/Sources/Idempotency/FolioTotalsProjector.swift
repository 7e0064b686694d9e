import EventSourcing

/// Keeps `FolioTotals` up to date from batches of the global log, delivered at least once.
///
/// The subscription feeding it may deliver a batch again (a lost acknowledgement, a rebalance)
/// and the process may die halfway through a batch. The projector survives both by storing the
/// last position it processed in the same transaction as the documents that position covers.
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
        // One transaction for the whole batch: the documents and the checkpoint are committed
        // together or not at all. A crash halfway leaves the database as it was before the
        // batch, and the redelivered batch starts from a clean, consistent checkpoint.
        try database.transaction { tx in
            // Read the checkpoint inside the transaction: the value the writes are based on.
            let checkpoint = tx.checkpoint(Self.name)
            // Skip per event, not per batch: a redelivery may overlap what was already
            // processed (batches do not always start where the last one ended).
            for recorded in batch where recorded.position > checkpoint {
                let event = try codec.decode(recorded).event
                var totals = tx.document(event.stayID) ?? FolioTotals(stayID: event.stayID)
                FolioTotals.apply(&totals, event)
                try tx.put(event.stayID, totals)
            }
            // Only forwards: an old batch delivered late must not move the checkpoint back.
            if let last = batch.last?.position, last > checkpoint {
                try tx.setCheckpoint(Self.name, last)
            }
        }
    }
}
