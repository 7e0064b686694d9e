import EventSourcing
import Foundation
import Synchronization

/// Seeded SplitMix64: the same seed gives the same failures, so every failure reproduces.
public struct SeededRandom: Sendable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// True `percent` times in 100.
    public mutating func chance(_ percent: Int) -> Bool { Int(next() % 100) < percent }
}

/// Storage that fails now and then, as disks, locks and connections do.
public struct StorageFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var operation: String
    public var written: Bool

    public var description: String {
        written ? "storage failed after the \(operation) was written (the answer was lost)" : "storage failed before the \(operation)"
    }
}

/// An event store that fails at random: before a write (nothing happens), or after it (the
/// write happened, but the caller only sees the error). Reads of streams never fail, so a check
/// can always look at what is really stored.
public final class FlakyStore: EventStore {
    public let inner: InMemoryEventStore
    private let random: Mutex<SeededRandom>
    private let failurePercent: Int
    private let log = Mutex<[String]>([])

    public init(_ inner: InMemoryEventStore, seed: UInt64, failurePercent: Int) {
        self.inner = inner
        random = Mutex(SeededRandom(seed: seed))
        self.failurePercent = failurePercent
    }

    /// What failed, in order.
    public var failures: [String] { log.withLock { $0 } }

    private func fail(_ operation: String) -> (before: Bool, after: Bool) {
        random.withLock { random in
            guard random.chance(failurePercent) else { return (false, false) }
            return random.chance(50) ? (true, false) : (false, true)
        }
    }

    private func note(_ failure: StorageFailure) -> StorageFailure {
        log.withLock { $0.append("\(failure)") }
        return failure
    }

    public func append(to streamID: String, expected: ExpectedVersion, events: [EventData], outbox: [OutboxMessage]) throws -> AppendResult {
        let fault = fail("append")
        if fault.before { throw note(StorageFailure(operation: "append to \(streamID)", written: false)) }
        let result = try inner.append(to: streamID, expected: expected, events: events, outbox: outbox)
        if fault.after { throw note(StorageFailure(operation: "append to \(streamID)", written: true)) }
        return result
    }

    public func pendingOutbox(limit: Int) throws -> [PendingMessage] {
        if fail("read").before { throw note(StorageFailure(operation: "outbox read", written: false)) }
        return try inner.pendingOutbox(limit: limit)
    }

    public func markDelivered(sequences: [Int64]) throws {
        let fault = fail("mark")
        if fault.before { throw note(StorageFailure(operation: "mark delivered \(sequences)", written: false)) }
        try inner.markDelivered(sequences: sequences)
        if fault.after { throw note(StorageFailure(operation: "mark delivered \(sequences)", written: true)) }
    }

    public func recordFailedDelivery(sequences: [Int64]) throws {
        try inner.recordFailedDelivery(sequences: sequences)
    }

    public func readStream(_ streamID: String, from version: Int64?, direction: ReadDirection, limit: Int) throws -> [RecordedEvent] {
        try inner.readStream(streamID, from: version, direction: direction, limit: limit)
    }

    public func readAll(after position: Int64, limit: Int) throws -> [RecordedEvent] {
        try inner.readAll(after: position, limit: limit)
    }

    public func streamState(_ streamID: String) throws -> StreamState { try inner.streamState(streamID) }
    public func headPosition() throws -> Int64 { try inner.headPosition() }
}

/// The network to the gateway failed, before or after the gateway processed the message.
public struct NetworkFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var messageID: String
    public var delivered: Bool

    public var description: String {
        delivered ? "the gateway got \(messageID) but its answer was lost" : "\(messageID) never reached the gateway"
    }
}

/// The network in front of the gateway: loses messages, and loses answers.
public final class FlakyNetwork: MessageTransport {
    public let gateway: PaymentGateway
    private var random: SeededRandom
    private let failurePercent: Int
    public private(set) var failures: [String] = []

    public init(_ gateway: PaymentGateway, seed: UInt64, failurePercent: Int) {
        self.gateway = gateway
        random = SeededRandom(seed: seed)
        self.failurePercent = failurePercent
    }

    public func send(_ message: OutboxMessage) throws {
        let fails = random.chance(failurePercent)
        let afterDelivery = random.chance(50)
        if fails, !afterDelivery {
            let failure = NetworkFailure(messageID: message.messageID, delivered: false)
            failures.append("\(failure)")
            throw failure
        }
        try gateway.send(message)
        if fails {
            let failure = NetworkFailure(messageID: message.messageID, delivered: true)
            failures.append("\(failure)")
            throw failure
        }
    }
}
