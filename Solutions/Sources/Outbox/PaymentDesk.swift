import EventSourcing
import Foundation

/// The desk's side of a card payment: record the request on the stay, and get the charge to the
/// gateway.
public struct PaymentDesk {
    public let store: any EventStore
    /// Appends that failed (storage trouble) are retried this many times.
    public var maxAttempts = 10

    public init(store: any EventStore) {
        self.store = store
    }

    /// Records that `paymentID` was requested, and queues the ChargeCard message for the gateway.
    ///
    /// v0 appended the event and then called the gateway: two writes to two systems, and a crash
    /// (or a timeout, or a deploy) between them left a payment the hotel recorded and the
    /// gateway never heard of. Now the message is written in the same append as the event, so
    /// both exist or neither does; the relay takes it from there.
    public func requestCardPayment(stayID: String, paymentID: String, amount: Int, now: Date, eventID: UUID) throws {
        let event = CardPaymentEvent.cardPaymentRequested(CardPaymentRequested(stayID: stayID, paymentID: paymentID, amount: amount, at: now))
        let data = try CardPaymentEvent.codec.encode(event, eventID: eventID,
                                                     metadata: EventMetadata(correlationID: paymentID, causationID: "desk-\(paymentID)"))
        let message = try ChargeCard(paymentID: paymentID, stayID: stayID, amount: amount).outboxMessage()
        try retrying {
            // The same event id on every attempt: if an earlier attempt was stored but its answer
            // lost, the store recognises the append and does not write it (or its message) twice.
            try store.append(to: "guest_stay-\(stayID)", expected: .any, events: [data], outbox: [message])
        }
    }

    private func retrying(_ body: () throws -> Void) throws {
        var attempt = 1
        while true {
            do {
                return try body()
            } catch is StorageFailure where attempt < maxAttempts {
                attempt += 1
            }
        }
    }
}
