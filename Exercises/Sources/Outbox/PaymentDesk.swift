import EventSourcing
import Foundation

/// The desk's side of a card payment: record the request on the stay, and get the charge to the
/// gateway.
public struct PaymentDesk {
    public let store: any EventStore
    /// Appends that failed (storage trouble, or a concurrent append) are tried this many times.
    public var maxAttempts = 10

    public init(store: any EventStore) {
        self.store = store
    }

    /// Records that `paymentID` was requested, and queues the ChargeCard message for the gateway.
    public func requestCardPayment(stayID: String, paymentID: String, amount: Int, now: Date, eventID: UUID) throws {
        let event = CardPaymentEvent.cardPaymentRequested(CardPaymentRequested(stayID: stayID, paymentID: paymentID, amount: amount, at: now))
        let data = try CardPaymentEvent.codec.encode(event, eventID: eventID,
                                                     metadata: EventMetadata(correlationID: paymentID, causationID: "desk-\(paymentID)"))
        let message = try ChargeCard(paymentID: paymentID, stayID: stayID, amount: amount).outboxMessage()
        let streamID = "guest_stay-\(stayID)"
        try retrying {
            // Load, decide, append with the version the decision was made on (the modelling
            // stage's rule, never `.any`): a payment already requested on this stay is not
            // requested again, so a retried request, or one whose answer was lost, does nothing.
            let stored = try store.readStream(streamID)
            let alreadyRequested = try CardPaymentEvent.codec.decode(stored).contains { envelope in
                if case .cardPaymentRequested(let requested) = envelope.event { requested.paymentID == paymentID } else { false }
            }
            if alreadyRequested { return }
            let version: ExpectedVersion = stored.last.map { .exact($0.streamVersion) } ?? .noStream
            // The same event id on every attempt: if an earlier attempt was stored but its answer
            // lost, the store recognises the append and does not write it (or its message) twice.
            try store.append(to: streamID, expected: version, events: [data], outbox: [])
        }
        // TODO: v0 called the gateway right here, after the append: two writes to two systems,
        // and a crash between them left a payment recorded that the gateway never heard of.
        // That call is gone; nothing sends `message` now. Write it in the same append as the
        // event instead (the store's `outbox:` parameter): both are stored or neither is, and
        // the relay delivers it.
        _ = message
    }

    private func retrying(_ body: () throws -> Void) throws {
        var attempt = 1
        while true {
            do {
                return try body()
            } catch is StorageFailure where attempt < maxAttempts {
                attempt += 1
            } catch is WrongExpectedVersion where attempt < maxAttempts {
                // Someone appended to the stay in between: load and decide again.
                attempt += 1
            }
        }
    }
}
