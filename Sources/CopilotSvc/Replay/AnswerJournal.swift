import Foundation
import Logging
import MetricxProtos
import MetricxRedis
import MetricxRuntime

/// Every answer's events, in order, in Redis (`cp:answer:<workspace>:<answer>`, a list) for a
/// while after its last one, so that a client whose stream broke — its gateway pod went away —
/// resumes through any gateway from the last event it saw (``replay(after:workspaceID:send:)``).
///
/// Recording never fails an answer: without Redis the answer streams as before and only the
/// replay is lost.
struct AnswerJournal: Sendable {
    struct Config: Sendable {
        /// How long an answer stays replayable after its last event.
        var retention: Duration = .seconds(600)
        /// How often a replay looks for the events an answer has not written yet.
        var pollInterval: Duration = .milliseconds(50)
        /// How long a replay waits for an answer that writes nothing more.
        var idleTimeout: Duration = .seconds(60)

        static let defaults = Config()
    }

    let redis: RedisClient?
    var config = Config.defaults
    var logger = Logger(label: "CopilotSvc.journal")

    static func key(workspaceID: UUID, answerID: UUID) -> String {
        "cp:answer:\(workspaceID.uuidString.lowercased()):\(answerID.uuidString.lowercased())"
    }

    /// Where one answer's events go, in order. Recording never waits for Redis: a writer task of
    /// its own appends them, so the answer streams to its caller as fast as it is composed.
    struct Recorder: Sendable {
        fileprivate let continuation: AsyncStream<Metricx_V1_AskEvent>.Continuation

        /// Queues the next event; its `event_id` is already set.
        func record(_ event: Metricx_V1_AskEvent) { continuation.yield(event) }

        /// No more events: the writer appends what is queued, then stops.
        func finish() { continuation.finish() }
    }

    func recorder(workspaceID: UUID, answerID: UUID) -> Recorder {
        let (events, continuation) = AsyncStream<Metricx_V1_AskEvent>.makeStream()
        guard let redis else {
            continuation.finish()
            return Recorder(continuation: continuation)
        }
        let key = Self.key(workspaceID: workspaceID, answerID: answerID)
        let (retention, logger) = (Int(config.retention.components.seconds * 1_000), self.logger)
        Task {
            var failed = false
            for await event in events where !failed {
                do {
                    let bytes: [UInt8] = try event.serializedBytes()
                    _ = try await redis.send("RPUSH", key, bytes)
                    _ = try await redis.send("PEXPIRE", key, retention)
                } catch {
                    // A gap would make a replay wrong; keep none of the rest rather than a part.
                    failed = true
                    logger.warning("answer not recorded for replay", metadata: ["error": "\(error)"])
                }
            }
        }
        return Recorder(continuation: continuation)
    }

    /// The events after `eventID` ("<answer>:<sequence>"), then the ones still to come, until the
    /// answer is done or failed. Only the workspace's own answers are found.
    func replay(
        after eventID: String, workspaceID: UUID, send: (Metricx_V1_AskEvent) async throws -> Void
    ) async throws {
        guard let after = AnswerEventID(eventID) else {
            throw ServiceError.invalidArgument("must be an event id as sent, <answer id>:<number>", field: "event_id")
        }
        guard let redis else { throw ServiceError(.unavailable, "answers are not kept for replay (no Redis)") }
        let (answerID, sequence) = (after.answer, Int(after.sequence))
        let key = Self.key(workspaceID: workspaceID, answerID: answerID)
        var next = sequence // events sent so far; event n is at index n - 1
        var lastProgress = ContinuousClock.now
        while true {
            // The last event already sent comes back with the new ones, so that "nothing new" and
            // "it was the answer's last" are read together: asked apart, the answer could end in
            // between and its last event would never be sent.
            let values = try await redis.send("LRANGE", key, Swift.max(next - 1, 0), -1).array ?? []
            var fresh = values[...]
            let previous = next > 0 ? fresh.popFirst() : nil
            if fresh.isEmpty {
                if let previous {
                    guard case .string(let bytes) = previous else { return }
                    if Self.isLast(try Metricx_V1_AskEvent(serializedBytes: bytes)) { return }
                } else {
                    let length = try await redis.send("LLEN", key).int ?? 0
                    if length == 0 {
                        throw ServiceError.notFound("answer \(answerID.uuidString.lowercased()) is unknown or no longer kept for replay")
                    }
                    // An id past the end of a finished answer was never sent: refuse it instead of
                    // polling for events that will not come (#23: the stream stayed open 60 s).
                    if length < next, case .string(let bytes) = try await redis.send("LINDEX", key, -1),
                        Self.isLast(try Metricx_V1_AskEvent(serializedBytes: bytes))
                    {
                        throw ServiceError.invalidArgument(
                            "the answer sent \(length) events; event \(next) is past its end", field: "event_id")
                    }
                }
                // Still being composed, or its journal is behind what the client saw.
                guard ContinuousClock.now - lastProgress < config.idleTimeout else {
                    throw ServiceError(.unavailable, "the answer stopped before it was done; ask again")
                }
                try await Task.sleep(for: config.pollInterval)
                continue
            }
            for value in fresh {
                guard case .string(let bytes) = value else { continue }
                let event = try Metricx_V1_AskEvent(serializedBytes: bytes)
                try await send(event)
                next += 1
                if Self.isLast(event) { return }
            }
            lastProgress = ContinuousClock.now
        }
    }

    /// Whether nothing follows `event` in its answer.
    private static func isLast(_ event: Metricx_V1_AskEvent) -> Bool {
        switch event.event {
        case .done, .error: true
        default: false
        }
    }
}
