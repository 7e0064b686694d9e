import EventSourcing
import Foundation

// Card payments at the desk. The stay records that a payment was requested; the payment gateway
// (another company's system, reached over the network) charges the card. The hotel must never
// record a payment the gateway does not hear about, and the gateway must never charge twice.

/// The desk asked the gateway to charge the guest's card. Stream: `guest_stay-{stayId}`.
public struct CardPaymentRequested: Codable, Sendable, Equatable {
    public var stayID: String
    public var paymentID: String
    public var amount: Int
    public var at: Date

    public init(stayID: String, paymentID: String, amount: Int, at: Date) {
        self.stayID = stayID
        self.paymentID = paymentID
        self.amount = amount
        self.at = at
    }

    enum CodingKeys: String, CodingKey {
        case stayID = "stayId", paymentID = "paymentId", amount, at
    }
}

public enum CardPaymentEvent: Sendable, Equatable {
    case cardPaymentRequested(CardPaymentRequested)

    public static let codec: EventCodec<CardPaymentEvent> = {
        var codec = EventCodec<CardPaymentEvent>()
        codec.register(CardPaymentRequested.self, as: "CardPaymentRequested", embed: CardPaymentEvent.cardPaymentRequested,
                       extract: { if case .cardPaymentRequested(let event) = $0 { event } else { nil } })
        return codec
    }()
}

/// The message for the gateway: charge this card payment. Its id is derived from the payment,
/// so every copy of it (a retry, a redelivery) carries the same id.
public struct ChargeCard: Codable, Sendable, Equatable {
    public static let destination = "payment-gateway"
    public static let messageType = "ChargeCard"

    public var paymentID: String
    public var stayID: String
    public var amount: Int

    public init(paymentID: String, stayID: String, amount: Int) {
        self.paymentID = paymentID
        self.stayID = stayID
        self.amount = amount
    }

    enum CodingKeys: String, CodingKey {
        case paymentID = "paymentId", stayID = "stayId", amount
    }

    /// The id every copy of this message carries.
    public var messageID: String { "charge-\(paymentID)" }

    /// As an outbox message, ready to store.
    public func outboxMessage() throws -> OutboxMessage {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return OutboxMessage(messageID: messageID, destination: Self.destination, messageType: Self.messageType,
                             payload: try encoder.encode(self))
    }
}

/// Where the relay hands messages: the gateway itself, or the network in front of it.
public protocol MessageTransport {
    /// Delivers one message. Throws when delivery failed or its outcome is unknown.
    func send(_ message: OutboxMessage) throws
}
