import EventSourcing
import Foundation

/// The report an exercise's check program writes, one JSON object per line, as it goes:
/// each check's result and each scenario step of the trace, then an `end` line. A report without
/// its `end` line means the program died (a crash), and the lines before it still count.
public enum ReportLine: Codable, Sendable, Equatable {
    case check(CheckResult)
    case step(TraceStep)
    /// How far a long run has got (a full-size run on the sample store); the app draws a gauge.
    case progress(RunProgress)
    case end(passed: Int, failed: Int)

    private enum CodingKeys: String, CodingKey { case kind, check, step, progress, passed, failed }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .kind) {
        case "check": self = .check(try container.decode(CheckResult.self, forKey: .check))
        case "step": self = .step(try container.decode(TraceStep.self, forKey: .step))
        case "progress": self = .progress(try container.decode(RunProgress.self, forKey: .progress))
        case "end": self = .end(passed: try container.decode(Int.self, forKey: .passed), failed: try container.decode(Int.self, forKey: .failed))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: container, debugDescription: "unknown report line kind '\(other)'")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .check(let result):
            try container.encode("check", forKey: .kind)
            try container.encode(result, forKey: .check)
        case .step(let step):
            try container.encode("step", forKey: .kind)
            try container.encode(step, forKey: .step)
        case .progress(let progress):
            try container.encode("progress", forKey: .kind)
            try container.encode(progress, forKey: .progress)
        case .end(let passed, let failed):
            try container.encode("end", forKey: .kind)
            try container.encode(passed, forKey: .passed)
            try container.encode(failed, forKey: .failed)
        }
    }
}

/// Where a long run stands: `done` of `total` units (events, stays) of the phase named `title`.
public struct RunProgress: Codable, Sendable, Equatable, Hashable {
    /// What is running, in words: "v2 rebuilding from position 0".
    public var title: String
    public var done: Int64
    public var total: Int64
    /// A line of detail under the gauge ("lag 12 500 events, serving guest_balances_v1").
    public var detail: String?

    public init(title: String, done: Int64, total: Int64, detail: String? = nil) {
        self.title = title
        self.done = done
        self.total = total
        self.detail = detail
    }

    /// `done / total` in 0...1 (1 when there is nothing to do).
    public var fraction: Double {
        total <= 0 ? 1 : min(1, max(0, Double(done) / Double(total)))
    }
}

/// One check's outcome: its name as a sentence, and when it failed, why (expected vs actual).
public struct CheckResult: Codable, Sendable, Equatable {
    public var name: String
    public var passed: Bool
    public var message: String?

    public init(name: String, passed: Bool, message: String? = nil) {
        self.name = name
        self.passed = passed
        self.message = message
    }
}

/// One step of a check's scenario: what came in, what was appended, and the read models after.
public struct TraceStep: Codable, Sendable, Equatable {
    /// The check this step belongs to.
    public var check: String
    /// What came in: a command or an event, in words.
    public var title: String
    public var appended: [TracedEvent]
    public var readModels: [String: JSONValue]

    public init(check: String, title: String, appended: [TracedEvent] = [], readModels: [String: JSONValue] = [:]) {
        self.check = check
        self.title = title
        self.appended = appended
        self.readModels = readModels
    }

    enum CodingKeys: String, CodingKey {
        case check, title, appended
        case readModels = "read_models"
    }
}

/// A recorded event with its full envelope and its payload as JSON, for the trace.
public struct TracedEvent: Codable, Sendable, Equatable {
    public var eventID: String
    public var streamID: String
    public var streamVersion: Int64
    public var position: Int64
    public var recordedAt: Date
    public var eventType: String
    public var schemaVersion: Int
    public var data: JSONValue
    public var metadata: EventMetadata

    public init(_ recorded: RecordedEvent) {
        eventID = recorded.eventID.uuidString.lowercased()
        streamID = recorded.streamID
        streamVersion = recorded.streamVersion
        position = recorded.position
        recordedAt = recorded.recordedAt
        eventType = recorded.eventType
        schemaVersion = recorded.schemaVersion
        data = (try? JSONValue(data: recorded.data)) ?? .string(String(decoding: recorded.data, as: UTF8.self))
        metadata = recorded.metadata
    }

    enum CodingKeys: String, CodingKey {
        case eventID = "event_id"
        case streamID = "stream_id"
        case streamVersion = "stream_version"
        case position
        case recordedAt = "recorded_at"
        case eventType = "event_type"
        case schemaVersion = "schema_version"
        case data, metadata
    }
}

extension ReportLine {
    /// The encoder for report lines: one line per object, ISO 8601 dates, sorted keys.
    public static var encoder: JSONEncoder { JSONCoding.encoder() }

    /// The decoder matching `encoder`.
    public static var decoder: JSONDecoder { JSONCoding.decoder() }
}
