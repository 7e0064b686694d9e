import EventSourcing
import Foundation

/// One append of a seeded history: a few events of one stream, at one moment of the simulated
/// year, appended together.
public struct HistorySegment: Sendable, Hashable {
    public var streamID: String
    /// The simulated time of the append (what the store records as `recorded_at`).
    public var at: Date
    public var events: [EventData]

    public init(streamID: String, at: Date, events: [EventData]) {
        self.streamID = streamID
        self.at = at
        self.events = events
    }
}
