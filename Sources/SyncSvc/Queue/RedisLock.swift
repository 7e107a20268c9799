import Foundation
import MetricxRedis

/// A lease on a named resource in Redis (`SET NX PX`), owned by a random token so only its holder
/// can extend or release it. It expires on its own when the holder dies.
struct RedisLock: Sendable {
    let redis: RedisClient
    let key: String
    let ttl: Duration
    let token: String

    init(redis: RedisClient, key: String, ttl: Duration, token: String = UUID().uuidString) {
        self.redis = redis
        self.key = key
        self.ttl = ttl
        self.token = token
    }

    /// Takes the lock if it is free; true when this token holds it now (also when it already did).
    func acquire() async throws -> Bool {
        let reply = try await redis.send("SET", key, token, "NX", "PX", JobQueue.milliseconds(ttl))
        if reply.string == "OK" { return true }
        return try await extend()
    }

    /// Extends the lock while this token still holds it.
    func extend() async throws -> Bool {
        try await redis.send("EVAL", QueueScripts.extendLock, 1, key, token, JobQueue.milliseconds(ttl)).int == 1
    }

    func release() async throws {
        try await redis.send("EVAL", QueueScripts.releaseLock, 1, key, token)
    }
}
