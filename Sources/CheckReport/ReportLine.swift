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

extension ReportLine {
    /// The encoder for report lines: one line per object, ISO 8601 dates, sorted keys.
    public static var encoder: JSONEncoder { JSONCoding.encoder() }

    /// The decoder matching `encoder`.
    public static var decoder: JSONDecoder { JSONCoding.decoder() }
}
