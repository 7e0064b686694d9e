import Foundation

/// The group checkout, as choreography: no one owns the process. The saga listens to events and
/// turns each into the commands that move the process on, holding no state of its own.
public enum GroupCheckoutSaga {
    /// The group checkout started: ask every stay of the group to check out.
    public static func handle(_ event: GroupCheckoutInitiated) -> [GuestStayCommand] {
        // TODO: one `.checkOutGuest` per stay of the group, in the group's order. The stay will
        // copy `groupCheckoutID` into its GuestCheckedOut or GuestCheckoutFailed: leave it out
        // and the answer never finds its way back to the group. `now` is the event's time.
        []
    }

    /// A stay checked out: if a group checkout asked for it, tell that group.
    public static func handle(_ event: GuestCheckedOut) -> [GroupCheckoutCommand] {
        // TODO: `.recordGuestCheckoutCompletion` for the stay's group, or nothing at all when
        // the guest left on their own (no groupCheckoutID).
        []
    }

    /// A stay could not check out: if a group checkout asked for it, tell that group.
    public static func handle(_ event: GuestCheckoutFailed) -> [GroupCheckoutCommand] {
        // TODO: `.recordGuestCheckoutFailure` for the stay's group, or nothing without a group.
        []
    }
}
