import Foundation

/// The checks every store runs on an append before it touches its data, so that the stores
/// agree on what they refuse (`EventStoreContract` holds them to it).
package enum AppendRules {
    /// Checks the stream id and that no event id appears twice; returns the outbox messages
    /// with exact repeats folded into one.
    ///
    /// - Throws: `InvalidStreamID`, `EventIDRepeatedInAppend`, `ConflictingOutboxMessage`.
    package static func check(streamID: String, events: [EventData], outbox: [OutboxMessage]) throws -> [OutboxMessage] {
        try StreamIDRules.validate(streamID)
        if events.count > 1 {
            var seen = Set<UUID>(minimumCapacity: events.count)
            for event in events where !seen.insert(event.eventID).inserted {
                throw EventIDRepeatedInAppend(streamID: streamID, eventID: event.eventID)
            }
        }
        return try distinctMessages(outbox)
    }

    /// `messages` with a message repeated under the same id kept once; a different message
    /// under an id already used is refused.
    package static func distinctMessages(_ messages: [OutboxMessage]) throws(ConflictingOutboxMessage) -> [OutboxMessage] {
        guard messages.count > 1 else { return messages }
        var byID: [String: OutboxMessage] = [:]
        var distinct: [OutboxMessage] = []
        for message in messages {
            if let earlier = byID[message.messageID] {
                guard earlier == message else { throw ConflictingOutboxMessage(messageID: message.messageID) }
                continue
            }
            byID[message.messageID] = message
            distinct.append(message)
        }
        return distinct
    }
}
