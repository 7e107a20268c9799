import Foundation
import MetricxRedis

/// An at-least-once job queue on Redis.
///
/// A claimed job stays invisible for ``Config/visibilityTimeout``; a worker that dies (even by
/// SIGKILL) stops extending it and the next ``reap()`` hands the job to someone else. Failures
/// retry with exponential backoff and jitter until ``Config/maxAttempts``, then the job goes to the
/// dead-letter list. Every step is one Lua script, so the queue is consistent at every instant.
struct JobQueue: Sendable {
    struct Config: Sendable {
        /// Prefix of every key; `sync:` in production, unique per test.
        var prefix = "sync:"
        var visibilityTimeout: Duration = .seconds(60)
        var maxAttempts = 5
        var backoff = Backoff()
        /// How long an idempotency key keeps producing the same job.
        var idempotencyTTL: Duration = .seconds(86_400)

        static let defaults = Config()
    }

    let redis: RedisClient
    let config: Config
    var clock: @Sendable () -> Date = { Date() }

    init(redis: RedisClient, config: Config = .defaults) {
        self.redis = redis
        self.config = config
    }

    private var ready: String { config.prefix + "q:ready" }
    private var inflight: String { config.prefix + "q:inflight" }
    private var dead: String { config.prefix + "q:dead" }
    private func jobKey(_ id: String) -> String { config.prefix + "job:" + id }

    /// Adds a job unless `idempotencyKey` already produced one; returns the job id that key stands
    /// for and whether this call created it.
    @discardableResult
    func enqueue(_ job: Job, idempotencyKey: String, notBefore: Date? = nil) async throws -> (id: String, created: Bool) {
        let payload = String(decoding: try JSONEncoder().encode(job), as: UTF8.self)
        let readyAt = Self.milliseconds(notBefore ?? clock())
        let reply = try await redis.send(
            "EVAL", QueueScripts.enqueue, 3, config.prefix + "idem:" + idempotencyKey, jobKey(job.id), ready,
            job.id, payload, readyAt, Int(config.idempotencyTTL.components.seconds))
        guard let parts = reply.array, parts.count == 2, let id = parts[0].string else {
            throw QueueError("unexpected reply to enqueue")
        }
        return (id, parts[1].int == 1)
    }

    /// Whether `idempotencyKey` already produced a job (a cheap check before preparing one).
    func isKnown(idempotencyKey: String) async throws -> Bool {
        try await redis.send("EXISTS", config.prefix + "idem:" + idempotencyKey).int == 1
    }

    /// Takes the next due job, or nil when none is due.
    func claim() async throws -> Lease? {
        let now = clock()
        let token = UUID().uuidString
        let reply = try await redis.send(
            "EVAL", QueueScripts.claim, 2, ready, inflight,
            Self.milliseconds(now), Self.milliseconds(now) + Self.milliseconds(config.visibilityTimeout),
            config.prefix, token)
        guard let parts = reply.array, parts.count == 3, let id = parts[0].string, let payload = parts[1].string,
            let attempts = parts[2].int
        else { return nil }
        guard let job = try? JSONDecoder().decode(Job.self, from: Data(payload.utf8)) else {
            // Unreadable payloads cannot succeed on any attempt.
            try await redis.send("EVAL", QueueScripts.fail, 4, inflight, ready, dead, jobKey(id), id, token, 0, 0, "unreadable payload")
            throw QueueError("job \(id) has an unreadable payload; moved to the dead-letter list")
        }
        return Lease(job: job, token: token, attempt: attempts)
    }

    /// The job is done; returns false when the lease had expired and another worker owns it.
    @discardableResult
    func acknowledge(_ lease: Lease) async throws -> Bool {
        try await redis.send("EVAL", QueueScripts.acknowledge, 2, inflight, jobKey(lease.job.id), lease.job.id, lease.token).int == 1
    }

    enum FailureOutcome: String, Sendable {
        /// Queued again after a backoff.
        case retry
        /// Out of attempts: on the dead-letter list.
        case dead
        /// Ended without a retry (a failure no retry can fix); not dead-lettered.
        case final
        /// The lease had expired; another worker owns the job.
        case lost
    }

    /// The attempt failed: retry after a backoff, or dead-letter after the last attempt.
    @discardableResult
    func fail(_ lease: Lease, error: String) async throws -> FailureOutcome {
        let delay = config.backoff.delay(afterAttempt: lease.attempt)
        let retryAt = Self.milliseconds(clock()) + Self.milliseconds(delay)
        let reply = try await redis.send(
            "EVAL", QueueScripts.fail, 4, inflight, ready, dead, jobKey(lease.job.id),
            lease.job.id, lease.token, retryAt, config.maxAttempts, String(error.prefix(1000)))
        return FailureOutcome(rawValue: reply.string ?? "") ?? .lost
    }

    /// Gives the job back without counting this delivery, to run at `notBefore` (default now).
    @discardableResult
    func release(_ lease: Lease, notBefore: Date? = nil) async throws -> Bool {
        let at = Self.milliseconds(notBefore ?? clock())
        return try await redis.send("EVAL", QueueScripts.release, 3, inflight, ready, jobKey(lease.job.id), lease.job.id, lease.token, at)
            .int == 1
    }

    /// Keeps a long job invisible to others; false when the lease was lost.
    @discardableResult
    func extend(_ lease: Lease) async throws -> Bool {
        let until = Self.milliseconds(clock()) + Self.milliseconds(config.visibilityTimeout)
        return try await redis.send("EVAL", QueueScripts.extend, 2, inflight, jobKey(lease.job.id), lease.job.id, lease.token, until).int
            == 1
    }

    /// Recovers the jobs of dead workers; returns how many.
    @discardableResult
    func reap() async throws -> Int {
        try await redis.send(
            "EVAL", QueueScripts.reap, 3, inflight, ready, dead, Self.milliseconds(clock()), config.prefix, config.maxAttempts
        ).int ?? 0
    }

    struct Depth: Sendable, Equatable {
        var ready: Int
        var inflight: Int
        var dead: Int
    }

    func depth() async throws -> Depth {
        let replies = try await redis.pipeline([
            RedisCommand("ZCARD", ready), RedisCommand("ZCARD", inflight), RedisCommand("LLEN", dead),
        ])
        return Depth(ready: replies[0].int ?? 0, inflight: replies[1].int ?? 0, dead: replies[2].int ?? 0)
    }

    /// The ids on the dead-letter list, newest first.
    func deadLetters(limit: Int = 100) async throws -> [String] {
        try await redis.send("LRANGE", dead, 0, limit - 1).array?.compactMap(\.string) ?? []
    }

    static func milliseconds(_ date: Date) -> Int { Int((date.timeIntervalSince1970 * 1000).rounded(.down)) }

    static func milliseconds(_ duration: Duration) -> Int {
        Int(duration.components.seconds) * 1000 + Int(duration.components.attoseconds / 1_000_000_000_000_000)
    }
}

/// The queue met a state it cannot use.
struct QueueError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
