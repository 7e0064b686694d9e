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
    public static func downcast(_ payment: PaymentReceived) throws -> FinanceMessage {
        // TODO: Finance's consumer only knows "PaymentRecorded" v1:
        //   {"amount", "at", "paymentId", "stayId"}
        // Sending it today's event as it is (what this does) breaks its parser on the first
        // payment of the release. Turn the payment into exactly that old shape: same keys,
        // same values, `at` from `receivedAt`, and no `method` (the old shape has no place for it).
        FinanceMessage(eventType: "PaymentReceived", schemaVersion: 1, data: try JSONValue(encoding: payment))
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
