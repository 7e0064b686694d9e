import EventSourcing

extension GuestStayEvent {
    /// How the stay's events are stored: one type name per fact, at its current schema version,
    /// plus an upcaster for each older version still in storage.
    public static let codec: EventCodec<GuestStayEvent> = {
        var codec = EventCodec<GuestStayEvent>()
        codec.register(GuestCheckedIn.self, as: "GuestCheckedIn", version: 2, embed: GuestStayEvent.guestCheckedIn,
                       extract: { if case .guestCheckedIn(let event) = $0 { event } else { nil } })
        // GuestCheckedIn v1 -> v2. Stored v1 events stay as they are, forever; every read takes
        // them through this function, so the rest of the code only ever knows v2. One place,
        // on the raw JSON, before decoding: the Swift type for v1 no longer exists.
        codec.upcast("GuestCheckedIn", from: 1) { v1, metadata in
            var v2 = v1
            // v1 had only the guest's id, flat.
            v2["guest"] = ["id": v1["guestId"] ?? .null, "name": .null]  // a name v1 never had: unknown, not invented
            v2["guestId"] = nil
            // v1 did not record the clerk in the event, but the front desk put its login in
            // every event's metadata: the fact was there all along, one level up.
            v2["checkedInBy"] = .string(metadata.headers["user"] ?? GuestStayEvent.unknownClerk)
            return v2
        }
        codec.register(ChargeRecorded.self, as: "ChargeRecorded", embed: GuestStayEvent.chargeRecorded,
                       extract: { if case .chargeRecorded(let event) = $0 { event } else { nil } })
        // PaymentRecorded v1 -> PaymentReceived v1: a rename and a reshape in one step. A new
        // name is a new type, so its versions start again at 1.
        codec.register(PaymentReceived.self, as: "PaymentReceived", embed: GuestStayEvent.paymentReceived,
                       extract: { if case .paymentReceived(let event) = $0 { event } else { nil } })
        // Both names now read as one type. The old name stays in storage forever, so it is
        // mapped here, once, instead of teaching every reader two names.
        codec.rename("PaymentRecorded", version: 1, to: "PaymentReceived", newVersion: 1) { old, _ in
            var new = old
            new["receivedAt"] = old["at"] ?? .null
            new["at"] = nil
            // The old event never recorded how the guest paid; say so rather than guess "card".
            new["method"] = .string(PaymentMethod.unknown.rawValue)
            return new
        }
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
