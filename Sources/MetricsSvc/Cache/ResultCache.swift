import Crypto
import Foundation
import Logging
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
/// The entries this replica served last are also kept in memory (``RecentResults``), checked
/// after the versions were read, so a repeat is one Redis round trip.
struct ResultCache: Sendable {
    /// Part of every key. Bump it with any change that alters what a request computes, so that a
    /// deploy never serves results of the previous code.
    static let generation = "g3"

    let redis: RedisClient?
    let ttl: Duration
    /// Kept as long as the Redis entries they copy.
    let recent: RecentResults
    var logger = Logger(label: "metricx.metrics.cache")

    init(redis: RedisClient?, ttl: Duration = .seconds(900)) {
        self.redis = redis
        self.ttl = ttl
        self.recent = RecentResults(config: .init(ttl: ttl))
    }

    /// The cached result for `key`, or `compute()`'s, stored for next time.
    func value<Result: SwiftProtobuf.Message>(
        _ type: Result.Type, workspace: UUID, key: some SwiftProtobuf.Message, kind: String,
        compute: () async throws -> Result
    ) async throws -> Result {
        guard let redis, let entry = try? await entryKey(workspace: workspace, key: key, kind: kind, redis: redis) else {
            return try await compute()
        }
        if let hit = recent.value(Result.self, forKey: entry) {
            return hit
        }
        if case .string(let bytes)? = try? await redis.send("GET", entry), let hit = try? Result(serializedBytes: bytes) {
            recent.store(hit, byteCount: bytes.count, forKey: entry)
            return hit
        }
        let result = try await compute()
        if let bytes: [UInt8] = try? result.serializedBytes() {
            recent.store(result, byteCount: bytes.count, forKey: entry)
            do {
                _ = try await redis.send("SET", entry, bytes, "EX", Int(ttl.components.seconds))
            } catch {
                logger.debug("result not cached", metadata: ["error": "\(error)"])
            }
        }
        return result
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
