import CheckReport
import EventSourcing

/// The state of a check's scenario at one trace step: what the Streams and Read models panes
/// show when stepping with `[` and `]`.
///
/// Each check runs its scenario against a fresh store, so the state at a step is made of the
/// steps of the same check up to and including it; what the step itself appended or changed is
/// kept apart so the panes can highlight it.
public struct ScenarioState: Sendable, Equatable {
    /// A stream with its length at this step.
    public struct StreamSummary: Sendable, Equatable {
        public var id: String
        public var length: Int
        /// Whether this step appended to it.
        public var touched: Bool
    }

    /// The step's index in the whole trace.
    public var index: Int
    public var step: TraceStep
    /// 1-based position of the step within its check, and how many steps that check has.
    public var numberInCheck: Int
    public var stepsInCheck: Int
    /// Every event appended so far in this check, in position order.
    public var events: [TracedEvent]
    /// Ids of the events this step appended.
    public var appendedIDs: Set<String>
    /// The read models after the step, and before it (empty for a check's first step).
    public var readModels: [String: JSONValue]
    public var previousReadModels: [String: JSONValue]

    /// The streams, sorted by name, with their lengths.
    public var streams: [StreamSummary] {
        var lengths: [String: Int] = [:]
        var touched: Set<String> = []
        for event in events {
            lengths[event.streamID, default: 0] += 1
            if appendedIDs.contains(event.eventID) { touched.insert(event.streamID) }
        }
        return lengths.keys.sorted().map { StreamSummary(id: $0, length: lengths[$0] ?? 0, touched: touched.contains($0)) }
    }

    /// The state at `index` of `trace`, or nil when there is no such step.
    public static func at(_ index: Int, in trace: [TraceStep]) -> ScenarioState? {
        guard trace.indices.contains(index) else { return nil }
        let step = trace[index]
        var first = index
        while first > 0, trace[first - 1].check == step.check { first -= 1 }
        var last = index
        while last + 1 < trace.count, trace[last + 1].check == step.check { last += 1 }
        let events = trace[first...index].flatMap(\.appended).sorted { $0.position < $1.position }
        return ScenarioState(
            index: index, step: step, numberInCheck: index - first + 1, stepsInCheck: last - first + 1,
            events: events, appendedIDs: Set(step.appended.map(\.eventID)),
            readModels: step.readModels,
            previousReadModels: index > first ? trace[index - 1].readModels : [:])
    }
}
