import Crypto
import Foundation
import Logging
import MetricxRPC
import MetricxRedis
import MetricxRuntime
import SwiftProtobuf

/// Computed results (dashboards, semantic queries, insights) cached in Redis.
///
/// Entries live under `mx:cache:<workspace>:<generation>:<versions>:<kind>:<digest>`. `<versions>` joins a global
/// data version (`mx:ver:all`, bumped by compaction across workspaces) and the workspace's own
/// (`mx:ver:<workspace>`, bumped after every committed write of its numbers). A write therefore
/// makes every older entry unreachable at once, and a result computed while a write commits is
/// stored under the version it started from, where nobody looks any more. Entries expire after
/// `ttl`. The key includes everything the result depends on, including the resolved dates, so a
/// day rolling over is a miss, never a stale answer. Redis being down costs the cache only.
///
/// The entries this replica served last are also kept in memory, checked after the versions were
/// read, so a repeat is one Redis round trip. Results are kept and returned encoded: a repeat is
/// sent as the bytes it was stored as.
struct ResultCache: Sendable {
    struct Config: Sendable {
        /// How long an entry lives, in Redis and in memory.
        var ttl: Duration = .seconds(900)
        /// Entries per generation of the in-memory copy.
        var recentCapacity = 256
        /// Results larger than this, encoded, are left to Redis.
        var recentMaximumBytes = 256 << 10

        static let defaults = Config()
    }

    /// Part of every key. Bump it with any change that alters what a request computes, so that a
    /// deploy never serves results of the previous code.
    static let generation = "g3"

    let redis: RedisClient?
    let config: Config
    /// Kept as long as the Redis entries they copy.
    let recent: GenerationalCache<String, [UInt8]>
    var logger = Logger(label: "metricx.metrics.cache")

    init(redis: RedisClient?, config: Config = .defaults) {
        self.redis = redis
        self.config = config
        self.recent = GenerationalCache(config: .init(capacity: config.recentCapacity, ttl: config.ttl))
    }

    /// The cached result for `key`, or `compute()`'s, stored for next time.
    func value<Result: SwiftProtobuf.Message>(
        _ type: Result.Type, workspace: UUID, key: some SwiftProtobuf.Message, kind: String,
        compute: () async throws -> Result
    ) async throws -> EncodedMessage<Result> {
        guard let redis, let entry = try? await entryKey(workspace: workspace, key: key, kind: kind, redis: redis) else {
            return try EncodedMessage(await compute())
        }
        if let hit = recent.value(forKey: entry) {
            return EncodedMessage(bytes: hit)
        }
        // Decoded once, so that bytes which are not a result are recomputed rather than sent.
        if case .string(let bytes)? = try? await redis.send("GET", entry), (try? Result(serializedBytes: bytes)) != nil {
            remember(bytes, forKey: entry)
            return EncodedMessage(bytes: bytes)
        }
        let result = try EncodedMessage(await compute())
        remember(result.bytes, forKey: entry)
        do {
            _ = try await redis.send("SET", entry, result.bytes, "EX", Int(config.ttl.components.seconds))
        } catch {
            logger.debug("result not cached", metadata: ["error": "\(error)"])
        }
        return result
    }

    private func remember(_ bytes: [UInt8], forKey entry: String) {
        if bytes.count <= config.recentMaximumBytes { recent.store(bytes, forKey: entry) }
    }

    /// Makes the workspace's cached results unreachable; nil for every workspace.
    func invalidate(workspace: UUID?) async {
        guard let redis else { return }
        let key = workspace.map { "mx:ver:\($0.uuidString.lowercased())" } ?? "mx:ver:all"
        do {
            _ = try await redis.send("INCR", key)
        } catch {
            // Entries expire on their own; until then readers may see the previous numbers.
            logger.warning("cache not invalidated", metadata: ["key": "\(key)", "error": "\(error)"])
        }
    }

    private func entryKey(workspace: UUID, key: some SwiftProtobuf.Message, kind: String, redis: RedisClient) async throws -> String {
        let id = workspace.uuidString.lowercased()
        let versions = try await redis.send("MGET", "mx:ver:all", "mx:ver:\(id)").array ?? []
        var options = BinaryEncodingOptions()
        options.useDeterministicOrdering = true
        let bytes: [UInt8] = try key.serializedBytes(options: options)
        let digest = SHA256.hash(data: bytes).prefix(16).hexString
        return "mx:cache:\(id):\(Self.generation):\(versions.map { $0.string ?? "0" }.joined(separator: ".")):\(kind):\(digest)"
    }
}
