import EventSourcing
import Foundation

/// Records a check's scenario step by step, for the app's Streams and Read models panes.
///
/// ```swift
/// try trace.step("CheckInGuest stay-1", store: store) {
///     try handler.handle(.checkIn(...), on: "guest_stay-1", context: context)
/// } readModels: {
///     ["OpenFolios": try JSONValue(encoding: folios.readModel)]
/// }
/// ```
public final class Trace {
    /// The check the steps belong to.
    public let check: String
    private let sink: (TraceStep) -> Void

    init(check: String, sink: @escaping (TraceStep) -> Void) {
        self.check = check
        self.sink = sink
    }

    /// Records a step with what it appended and the read models after it.
    public func step(_ title: String, appended: [RecordedEvent] = [], readModels: [String: JSONValue] = [:]) {
        sink(TraceStep(check: check, title: title, appended: appended.map(TracedEvent.init), readModels: readModels))
    }

    /// Runs `action` and records the events it appended to `store` as one step.
    @discardableResult
    public func step<T>(
        _ title: String, store: any EventStore, _ action: () throws -> T,
        readModels: () throws -> [String: JSONValue] = { [:] }
    ) throws -> T {
        let before = try store.headPosition()
        let result = try action()
        let appended = try store.readAll(after: before, limit: Int.max)
        step(title, appended: appended, readModels: try readModels())
        return result
    }
}
