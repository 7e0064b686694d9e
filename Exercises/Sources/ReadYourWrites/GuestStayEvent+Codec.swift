import EventSourcing

extension GuestStayEvent {
    /// How the stay's events are stored: one type name per fact, each at schema version 1.
    public static let codec: EventCodec<GuestStayEvent> = {
        var codec = EventCodec<GuestStayEvent>()
        codec.register(GuestCheckedIn.self, as: "GuestCheckedIn", embed: GuestStayEvent.guestCheckedIn,
                       extract: { if case .guestCheckedIn(let event) = $0 { event } else { nil } })
        codec.register(ChargeRecorded.self, as: "ChargeRecorded", embed: GuestStayEvent.chargeRecorded,
                       extract: { if case .chargeRecorded(let event) = $0 { event } else { nil } })
        codec.register(PaymentRecorded.self, as: "PaymentRecorded", embed: GuestStayEvent.paymentRecorded,
                       extract: { if case .paymentRecorded(let event) = $0 { event } else { nil } })
        codec.register(GuestCheckedOut.self, as: "GuestCheckedOut", embed: GuestStayEvent.guestCheckedOut,
                       extract: { if case .guestCheckedOut(let event) = $0 { event } else { nil } })
        codec.register(GuestCheckoutFailed.self, as: "GuestCheckoutFailed", embed: GuestStayEvent.guestCheckoutFailed,
                       extract: { if case .guestCheckoutFailed(let event) = $0 { event } else { nil } })
        return codec
    }()
}
