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
        // The inbox: a message id seen before was handled before. Charge, then remember, in one
        // step (here one method on one thread; in a database, one transaction), so a crash can
        // never leave a charge without its id or an id without its charge.
        guard !processedMessageIDs.contains(message.messageID) else { return }
        let charge = try JSONDecoder().decode(ChargeCard.self, from: message.payload)
        charges.append(Charge(paymentID: charge.paymentID, amount: charge.amount))
        processedMessageIDs.insert(message.messageID)
    }
}
