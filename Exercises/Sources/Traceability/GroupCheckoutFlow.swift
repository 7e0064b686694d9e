import EventSourcing
import Foundation

/// A group checkout, end to end: the clerk's command, the group's start, a CheckOut command per
/// stay, each stay's outcome, the group recording each outcome, and the group's completion.
/// Every message goes through `Tracing`, and is kept in `messages` in the order it happened.
public final class GroupCheckoutFlow {
    public let store: InMemoryEventStore
    public private(set) var messages: [Message] = []
    private let makeEventID: () -> UUID
    /// Called after each message, for the scenario's trace.
    public var onMessage: (Message) throws -> Void = { _ in }

    public init(store: InMemoryEventStore, makeEventID: @escaping () -> UUID) {
        self.store = store
        self.makeEventID = makeEventID
    }

    /// Runs the group checkout of `stays`; stays in `unpaid` fail their checkout.
    public func run(groupID: String, stays: [String], unpaid: Set<String> = []) throws {
        let initiate = Message.startingCommand("InitiateGroupCheckout", id: "cmd-initiate-\(groupID)")
        try record(initiate)
        let started = try append("group_checkout-\(groupID)", "GroupCheckoutInitiated", #"{"groupCheckoutId":"\#(groupID)"}"#, initiate.eventMetadata)
        var outcomes: [Message] = []
        for stay in stays {
            let checkOut = Tracing.command("CheckOut", id: "cmd-checkout-\(stay)", causedBy: started)
            try record(checkOut)
            let outcome = unpaid.contains(stay) ? "GuestCheckoutFailed" : "GuestCheckedOut"
            let event = try append("guest_stay-\(stay)", outcome, #"{"stayId":"\#(stay)","groupCheckoutId":"\#(groupID)"}"#, checkOut.eventMetadata)
            let recorded = outcome == "GuestCheckedOut" ? "GuestCheckoutCompleted" : "GuestCheckoutFailedInGroup"
            outcomes.append(try append("group_checkout-\(groupID)", recorded, #"{"stayId":"\#(stay)"}"#, Tracing.metadata(reactingTo: event)))
        }
        if let last = outcomes.last {
            let name = unpaid.isEmpty ? "GroupCheckoutCompleted" : "GroupCheckoutFailed"
            _ = try append("group_checkout-\(groupID)", name, #"{"groupCheckoutId":"\#(groupID)"}"#, Tracing.metadata(reactingTo: last))
        }
    }

    private func record(_ message: Message) throws {
        messages.append(message)
        try onMessage(message)
    }

    private func append(_ stream: String, _ type: String, _ json: String, _ metadata: EventMetadata) throws -> Message {
        let data = EventData(eventID: makeEventID(), eventType: type, data: Data(json.utf8), metadata: metadata)
        try store.append(to: stream, events: [data])
        let message = Message(id: data.eventID.uuidString, kind: .event, name: "\(type) (\(stream))",
                              correlationID: metadata.correlationID ?? "", causationID: metadata.causationID)
        try record(message)
        return message
    }
}

/// The causation tree of a flow's messages, as JSON for the app: each message with its children.
public enum CausationTree {
    public static func json(_ messages: [Message]) -> JSONValue {
        let ids = Set(messages.map(\.id))
        func node(_ message: Message) -> JSONValue {
            let children = messages.filter { $0.causationID == message.id }.map(node)
            var object: [String: JSONValue] = ["message": .string("\(message.kind.rawValue) \(message.name)")]
            if !children.isEmpty { object["caused"] = .array(children) }
            return .object(object)
        }
        // Roots: no causation, or a causation that is not a message of this flow.
        let roots = messages.filter { $0.causationID.map { !ids.contains($0) } ?? true }
        return .array(roots.map(node))
    }

    /// The same tree drawn as text, one message a line, the way `tree` draws folders:
    ///
    ///     command InitiateGroupCheckout
    ///     └─ event GroupCheckoutInitiated (group_checkout-g-1)
    ///        ├─ command CheckOut
    ///        │  └─ event GuestCheckedOut (guest_stay-s-1)
    public static func lines(_ messages: [Message]) -> [String] {
        let ids = Set(messages.map(\.id))
        var lines: [String] = []
        func draw(_ message: Message, prefix: String, branch: String) {
            lines.append(prefix + branch + "\(message.kind.rawValue) \(message.name)")
            let children = messages.filter { $0.causationID == message.id }
            let inner = prefix + (branch == "├─ " ? "│  " : branch.isEmpty ? "" : "   ")
            for (index, child) in children.enumerated() {
                draw(child, prefix: inner, branch: index == children.count - 1 ? "└─ " : "├─ ")
            }
        }
        for root in messages where root.causationID.map({ !ids.contains($0) }) ?? true {
            draw(root, prefix: "", branch: "")
        }
        return lines
    }
}
