import EventSourcing

/// A message for Finance, in the shape Finance's consumer was built for.
public struct FinanceMessage: Sendable, Equatable {
    public var eventType: String
    public var schemaVersion: Int
    public var data: JSONValue

    public init(eventType: String, schemaVersion: Int, data: JSONValue) {
        self.eventType = eventType
        self.schemaVersion = schemaVersion
        self.data = data
    }
}

/// Feeds the Finance system, which still consumes payments as `PaymentRecorded` v1:
/// `{"stayId", "paymentId", "amount", "at"}`. Finance is another team with another release
/// calendar: until it moves on, we speak its old language at the boundary.
public enum FinanceFeed {
    /// The payment in the old shape, under the old name and version.
    ///
    /// A downcaster is the upcaster run backwards: it may drop what the old shape cannot hold
    /// (the method) but must never change what it can (same keys, same values, same dates), or
    /// Finance's books stop matching ours.
    public static func downcast(_ payment: PaymentReceived) throws -> FinanceMessage {
        var v1 = try JSONValue(encoding: payment)
        v1["at"] = v1["receivedAt"] ?? .null
        v1["receivedAt"] = nil
        v1["method"] = nil
        return FinanceMessage(eventType: "PaymentRecorded", schemaVersion: 1, data: v1)
    }

    /// Finance's messages for a stretch of the global log: one per payment, whatever name it
    /// was stored under.
    public static func messages(from recorded: [RecordedEvent]) throws -> [FinanceMessage] {
        let codec = GuestStayEvent.codec
        return try recorded.compactMap { stored in
            guard case .paymentReceived(let payment) = try codec.decode(stored).event else { return nil }
            return try downcast(payment)
        }
    }
}
