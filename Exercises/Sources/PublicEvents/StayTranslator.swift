import EventSourcing
import Foundation

/// Publishes the stay's public events from its private ones: the only door between the stay's
/// internal model and the rest of the hotel.
///
/// It reads the global log (at least once, like any subscriber) and, for each stay that checks
/// out, publishes one `GuestStayCompleted`.
public final class StayTranslator {
    private let store: any EventStore
    /// Stays already published: a redelivered checkout must not publish again. Kept in memory:
    /// a simplification. A real translator stores it durably, or writes its messages through
    /// an outbox keyed by the message id derived from the stay, so that a restart does not
    /// publish every stay again (consumers deduplicate by that id as well).
    public private(set) var published: Set<String> = []

    public init(store: any EventStore) {
        self.store = store
    }

    /// The public messages one stored event leads to: none for most, one when a stay is over.
    public func publicMessages(for recorded: RecordedEvent) throws -> [PublicMessage] {
        // TODO: v0 handed every internal event to the other modules as it was stored (this line).
        // Housekeeping parsed "PaymentRecorded"; the rename broke it. Publish instead:
        // - nothing for most events;
        // - for a GuestCheckedOut (decode with `GuestStayEvent.codec`, which knows old names
        //   too), once per stay: read the stay's stream (`store.readStream(recorded.streamID)`),
        //   add up charges and payments, take the guest and room from the check-in, and return
        //   `[try GuestStayCompleted(...).message()]`; remember the stay in `published`.
        [PublicMessage(messageID: recorded.eventID.uuidString, eventType: recorded.eventType,
                       schemaVersion: recorded.schemaVersion, payload: recorded.data)]
    }
}
