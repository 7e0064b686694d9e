import EventSourcing
import Foundation

/// Given events (delivered any number of times, as at-least-once delivery does), then this read
/// model.
///
/// ```swift
/// try ProjectionSpec(initial: OpenFolios(), apply: OpenFolios.apply)
///     .given(EventFixtures.stream("guest_stay-1", [.checkedIn(...), .chargeRecorded(...)]), deliveredTimes: 3)
///     .then(OpenFolios(rows: [...]))
/// ```
public struct ProjectionSpec<Event, ReadModel: Equatable> {
    public let initial: ReadModel
    public let apply: (inout ReadModel, EventEnvelope<Event>) throws -> Void

    public init(initial: ReadModel, apply: @escaping (inout ReadModel, EventEnvelope<Event>) throws -> Void) {
        self.initial = initial
        self.apply = apply
    }

    /// Delivers `events` in order, then the whole sequence again, `deliveredTimes` times in all.
    public func given(_ events: [EventEnvelope<Event>], deliveredTimes: Int = 1) -> Result<ReadModel, any Error> {
        Result {
            var model = initial
            for _ in 0..<max(1, deliveredTimes) {
                for event in events { try apply(&model, event) }
            }
            return model
        }
    }
}

extension Result where Success: Equatable {
    /// The read model must equal `expected`.
    public func then(_ expected: Success) throws {
        let actual: Success
        do { actual = try get() } catch {
            throw SpecFailure("Expected the read model \(SpecFailure.describe(expected)), but applying the events \(SpecFailure.threw(error)).")
        }
        try expectEqual(expected: expected, actual: actual, "The read model")
    }
}

/// Builds envelopes for specs and scenarios: consecutive versions in one stream, consecutive
/// global positions, a fixed clock.
public enum EventFixtures {
    /// Envelopes for `events` appended to `streamID`, starting at `version` and `position`.
    public static func stream<Event>(
        _ streamID: String, _ events: [Event], fromVersion version: Int64 = 1, fromPosition position: Int64 = 1,
        metadata: EventMetadata = EventMetadata(), recordedAt: Date = Date(timeIntervalSince1970: 1_767_225_600)
    ) -> [EventEnvelope<Event>] {
        events.enumerated().map { offset, event in
            let recorded = RecordedEvent(
                eventID: fixtureID(position + Int64(offset)), streamID: streamID, streamVersion: version + Int64(offset),
                position: position + Int64(offset), recordedAt: recordedAt, eventType: "\(type(of: event))",
                schemaVersion: 1, data: Data(), metadata: metadata)
            return EventEnvelope(event: event, recorded: recorded)
        }
    }

    /// A stable event id for a position, so traces and diffs do not change from run to run.
    public static func fixtureID(_ number: Int64) -> UUID {
        let digits = String(number)
        let padded = String(repeating: "0", count: max(0, 12 - digits.count)) + digits
        return UUID(uuidString: "00000000-0000-4000-8000-" + padded.suffix(12)) ?? UUID()
    }
}
