import Foundation

/// The group checkout, as choreography: no one owns the process. The saga listens to events and
/// turns each into the commands that move the process on, holding no state of its own.
///
/// Stateless is the point: the saga can be restarted, scaled out or replayed and it still says
/// the same thing for the same event. What has happened so far lives in the aggregates' streams
/// (the group keeps score), never in the saga.
public enum GroupCheckoutSaga {
    /// The group checkout started: ask every stay of the group to check out.
    public static func handle(_ event: GroupCheckoutInitiated) -> [GuestStayCommand] {
        // One command per stay, in the group's order. Each carries the group's id: the stay
        // copies it into its outcome, and that is the only way the answer finds its way back
        // to this group (a stay can belong to one group checkout today and none tomorrow).
        // The time is the event's: a replay must give the same commands, so no clock here.
        event.stayIDs.map { .checkOutGuest(stayID: $0, groupCheckoutID: event.groupCheckoutID, now: event.at) }
    }

    /// A stay checked out: if a group checkout asked for it, tell that group.
    public static func handle(_ event: GuestCheckedOut) -> [GroupCheckoutCommand] {
        // A guest leaving on their own is not this saga's business: no group, no command.
        guard let groupCheckoutID = event.groupCheckoutID else { return [] }
        return [.recordGuestCheckoutCompletion(groupCheckoutID: groupCheckoutID, stayID: event.stayID, now: event.at)]
    }

    /// A stay could not check out: if a group checkout asked for it, tell that group.
    public static func handle(_ event: GuestCheckoutFailed) -> [GroupCheckoutCommand] {
        guard let groupCheckoutID = event.groupCheckoutID else { return [] }
        // A failure is an answer too: without it the group would wait for this stay forever.
        return [.recordGuestCheckoutFailure(groupCheckoutID: groupCheckoutID, stayID: event.stayID, now: event.at)]
    }
}
