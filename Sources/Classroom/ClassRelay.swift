#if Postgres
import EventSourcing
import Foundation
import WorkshopKit

/// Sends this copy's progress facts to its class: the outbox messages recorded with each fact,
/// and once, after joining, the facts recorded before. Idempotent by event id (the class keeps
/// one copy of a fact sent twice), so a relay that crashed between sending and marking, or two
/// relays at once (the TUI and `workshop watch`), neither lose nor double anything.
///
/// ```swift
/// let relay = ClassRelay(progress: progress.store, state: paths.state)
/// let report = relay.relayOnce()      // {delivered, waiting, problem}
/// ```
public final class ClassRelay: @unchecked Sendable {
    private let progress: any EventStore
    private let state: URL
    private let connectTimeout: Int64
    /// The connection kept between passes; dropped when it fails (reopened on the next pass).
    private var attendee: ClassAttendee?
    private let lock = NSLock()

    public init(progress: any EventStore, state: URL, connectTimeout: Int64 = 5) {
        self.progress = progress
        self.state = state
        self.connectTimeout = connectTimeout
    }

    /// What one pass did.
    public struct Report: Sendable, Hashable {
        /// The class joined, nil when none.
        public var className: String?
        public var name: String?
        /// Facts the class did not have before this pass.
        public var delivered: Int
        /// Facts still to send after this pass.
        public var waiting: Int
        /// Whether the class's server answered.
        public var connected: Bool
        /// Why the pass stopped early, as a sentence.
        public var problem: ClassError?
    }

    /// Facts waiting to be sent.
    public func waiting() -> Int {
        (try? progress.pendingOutbox(limit: 100_000).filter { $0.message.destination == ProgressOutbox.destination }.count) ?? 0
    }

    /// One pass: connect if needed, send the backlog and the outbox, mark what was sent.
    public func relayOnce(batch: Int = 500) -> Report {
        lock.lock()
        defer { lock.unlock() }
        let membership: ClassMembership?
        do {
            membership = try ClassMembership.load(from: state)
        } catch {
            return Report(className: nil, name: nil, delivered: 0, waiting: waiting(), connected: false, problem: error as? ClassError)
        }
        guard var membership else {
            return Report(className: nil, name: nil, delivered: 0, waiting: waiting(), connected: false, problem: nil)
        }
        var delivered = 0
        do {
            let attendee = try connected(membership)
            if !membership.backfilled {
                var after: Int64 = 0
                while true {
                    let events = try progress.readAll(after: after, limit: batch)
                    guard let last = events.last else { break }
                    for event in events where ProgressEvent.codec.eventTypes.contains(event.eventType) {
                        let fact = RelayedFact(eventID: event.eventID, localStream: event.streamID, eventType: event.eventType, data: event.data, at: event.recordedAt)
                        if try attendee.append(fact, as: membership.name, token: membership.token) { delivered += 1 }
                    }
                    after = last.position
                }
                membership.backfilled = true
                try membership.save(in: state)
            }
            while true {
                let pending = try progress.pendingOutbox(limit: batch).filter { $0.message.destination == ProgressOutbox.destination }
                if pending.isEmpty { break }
                var sent: [Int64] = []
                defer { if !sent.isEmpty { try? progress.markDelivered(sequences: sent) } }
                for message in pending {
                    guard let id = UUID(uuidString: message.message.messageID) else {
                        sent.append(message.sequence)   // not a fact of ours: nothing to send
                        continue
                    }
                    let fact = RelayedFact(
                        eventID: id, localStream: message.message.headers["stream"] ?? "exercise-unknown",
                        eventType: message.message.messageType, data: message.message.payload, at: ProgressOutbox.time(of: message.message))
                    do {
                        if try attendee.append(fact, as: membership.name, token: membership.token) { delivered += 1 }
                        sent.append(message.sequence)
                    } catch {
                        try? progress.recordFailedDelivery(sequences: [message.sequence])
                        throw error
                    }
                }
            }
            return Report(className: membership.class, name: membership.name, delivered: delivered, waiting: waiting(), connected: true, problem: nil)
        } catch {
            attendee = nil
            let problem = error as? ClassError ?? ClassError(.server, "\(error)")
            return Report(className: membership.class, name: membership.name, delivered: delivered, waiting: waiting(), connected: false, problem: problem)
        }
    }

    private func connected(_ membership: ClassMembership) throws -> ClassAttendee {
        if let attendee, !attendee.isClosed { return attendee }
        let fresh = try ClassAttendee(joinURL: membership.url, connectTimeout: connectTimeout)
        attendee = fresh
        return fresh
    }

    /// Relays until the task is cancelled: a pass every `interval`, or sooner when `nudge`d
    /// (a fact was just recorded); after a failure it waits longer each time (1 s doubling to
    /// 30 s), so an offline laptop does not spin. `report` sees every pass.
    public func run(interval: Duration = .seconds(1), report: @escaping @Sendable (Report) -> Void) async {
        var backoff: Duration = .seconds(1)
        while !Task.isCancelled {
            let result = await Task.detached { self.relayOnce() }.value
            report(result)
            let wait: Duration
            if result.problem?.isTransient == true || (result.problem != nil && result.className != nil) {
                wait = backoff
                backoff = min(backoff * 2, .seconds(30))
            } else {
                wait = interval
                backoff = .seconds(1)
            }
            try? await Task.sleep(for: wait)
        }
    }
}
#endif
