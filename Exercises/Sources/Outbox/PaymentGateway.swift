import EventSourcing
import Foundation

/// The payment gateway as the hotel sees it: it charges cards, and it may receive the same
/// message more than once (the relay delivers at least once). It keeps the ids of the messages
/// it processed (its inbox) and processes each id once.
public final class PaymentGateway: MessageTransport {
    /// One charge on a guest's card.
    public struct Charge: Sendable, Equatable, Codable {
        public var paymentID: String
        public var amount: Int
    }

    /// Every charge made, in order.
    public private(set) var charges: [Charge] = []
    /// Ids of the messages already processed: the gateway's inbox. Kept in memory, next to the
    /// charges it protects: a simplification. A real consumer stores the ids in the same
    /// transaction as the effect (the crud-inbox exercise does), or both would not survive a
    /// restart together.
    public private(set) var processedMessageIDs: Set<String> = []
    /// Every message that arrived, duplicates included (to show the redeliveries).
    public private(set) var received: [String] = []

    public init() {}

    public func send(_ message: OutboxMessage) throws {
        received.append(message.messageID)
        // TODO: the relay delivers at least once, so this message may have been processed
        // before. Remember the ids you processed (`processedMessageIDs`) and skip a message
        // whose id you have seen. Charge and remember together.
        let charge = try JSONDecoder().decode(ChargeCard.self, from: message.payload)
        charges.append(Charge(paymentID: charge.paymentID, amount: charge.amount))
    }
}
