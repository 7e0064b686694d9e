import EventSourcing

extension GuestStayEvent {
    /// How the stay's events are stored: one type name per fact, at its current schema version,
    /// plus an upcaster for each older version still in storage.
    public static let codec: EventCodec<GuestStayEvent> = {
        var codec = EventCodec<GuestStayEvent>()
        codec.register(GuestCheckedIn.self, as: "GuestCheckedIn", version: 2, embed: GuestStayEvent.guestCheckedIn,
                       extract: { if case .guestCheckedIn(let event) = $0 { event } else { nil } })
        // TODO: GuestCheckedIn is now v2, but years of v1 check-ins are still in storage, and
        // every stay that has one fails to load ("no upcaster from v1 to v2 of GuestCheckedIn").
        // Register an upcaster that rewrites the stored v1 JSON into the v2 shape:
        //
        //   v1  {"stayId", "guestId", "roomNumber", "at"}
        //   v2  {"stayId", "guest": {"id", "name"}, "roomNumber", "at", "checkedInBy"}
        //
        //   - guest.id     comes from v1's guestId
        //   - guest.name   v1 never recorded it: null (unknown), not a made-up value
        //   - checkedInBy  v1's front desk put the clerk's login in the event's metadata,
        //                  headers["user"]; when there is none, GuestStayEvent.unknownClerk
        //
        // codec.upcast("GuestCheckedIn", from: 1) { v1, metadata in ... return v2 }
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

extension GuestStayEvent {
    /// `checkedInBy` of v1 check-ins whose metadata did not name the clerk (imports, scripts).
    public static let unknownClerk = "unknown"
}
