import Foundation
import MetricxProtos
import MetricxRedis
import MetricxTestSupport
import Testing

@testable import MetricsSvc

@Suite(.enabled(if: TestEnvironment.hasPostgres && TestEnvironment.hasRedis, "needs the Postgres and Redis started by make test"))
struct ResultCacheTests {
    func ingest(_ harness: MetricsHarness, spend: Double, at start: String) async throws {
        let request = Metricx_V1_IngestRequest.with {
            $0.settings = harness.settings
            $0.rows = [
                .with {
                    $0.provider = "demo"
                    $0.adExternalID = "a"
                    $0.bucketStart = start
                    $0.bucketWidth = "hour"
                    $0.measures = .with {
                        $0.spend = spend
                        $0.clicks = 1
                    }
                }
            ]
        }
        _ = try await harness.inWorkspace { try await harness.service.ingest(request: request, context: MetricsHarness.context) }
    }

    /// A service whose results are cached in the test Redis, and that Redis.
    static func cachedHarness() async throws -> (MetricsHarness, RedisClient) {
        let base = try await MetricsHarness.make()
        let redis = TestEnvironment.redisClient()
        let harness = MetricsHarness(
            postgres: base.postgres, service: MetricsService(postgres: base.postgres, cache: ResultCache(redis: redis)),
            workspace: base.workspace, timezone: "UTC")
        return (harness, redis)
    }

    static func spendYesterday(_ harness: MetricsHarness, asOf: String = "2026-11-19T15:00:00Z") async throws -> Double? {
        try await harness.query(
            {
                $0.metrics = ["spend"]
                $0.timeRange = .with { $0.preset = "yesterday" }
            }, asOf: asOf
        ).data.totals["spend"]
    }

    @Test func aRepeatIsServedFromRedisAndAWriteInvalidatesIt() async throws {
        let (harness, redis) = try await Self.cachedHarness()
        let spend = { try await Self.spendYesterday(harness) }
        try await ingest(harness, spend: 10, at: "2026-11-18T09:00:00Z")
        #expect(try await spend() == 10)
        let keys = try await redis.send("KEYS", "mx:cache:\(harness.workspace.uuidString.lowercased()):*").array ?? []
        #expect(keys.count == 1)

        // Changed behind the service's back: the repeat still answers from the cache.
        for table in ["campaign_daily", "ad_daily"] {
            _ = try await harness.postgres.query("UPDATE metrics.\(table) SET spend = 999 WHERE workspace_id = $1", harness.workspace)
        }
        #expect(try await spend() == 10)
        // Another instant of the same day shares the entry; the next day does not.
        #expect(try await Self.spendYesterday(harness, asOf: "2026-11-19T23:59:00Z") == 10)
        #expect(try await Self.spendYesterday(harness, asOf: "2026-11-20T00:01:00Z") == 0)

        // A write through the service makes the next read recompute.
        try await ingest(harness, spend: 5, at: "2026-11-18T10:00:00Z")
        // (The day is recomputed from its snapshots, which the tampering did not touch.)
        #expect(try await spend() == 15)
        await harness.postgres.shutdown()
    }

    @Test func aRepeatIsServedFromMemoryUntilAVersionMoves() async throws {
        let (harness, redis) = try await Self.cachedHarness()
        let spend = { try await Self.spendYesterday(harness) }
        try await ingest(harness, spend: 10, at: "2026-11-18T09:00:00Z")
        #expect(try await spend() == 10)

        // The Redis entry and the tables both changed behind the service's back: the repeat is
        // this replica's own copy, kept under the same versions.
        let workspace = harness.workspace.uuidString.lowercased()
        for key in try await redis.send("KEYS", "mx:cache:\(workspace):*").array ?? [] {
            _ = try await redis.send("DEL", key.string ?? "")
        }
        for table in ["campaign_daily", "ad_daily"] {
            _ = try await harness.postgres.query("UPDATE metrics.\(table) SET spend = 999 WHERE workspace_id = $1", harness.workspace)
        }
        #expect(try await spend() == 10)

        // A write through another replica bumps the version in Redis: the copy is unreachable.
        _ = try await redis.send("INCR", "mx:ver:\(workspace)")
        #expect(try await spend() == 999)
        await harness.postgres.shutdown()
    }

    @Test func withoutRedisResultsAreComputedEveryTime() async throws {
        let harness = try await MetricsHarness.make()
        let unreachable = TestEnvironment.redisClient(url: "redis://127.0.0.1:1/0")
        let service = MetricsService(postgres: harness.postgres, cache: ResultCache(redis: unreachable))
        let withDeadCache = MetricsHarness(postgres: harness.postgres, service: service, workspace: harness.workspace, timezone: "UTC")
        try await ingest(withDeadCache, spend: 3, at: "2026-11-18T09:00:00Z")
        #expect(
            try await withDeadCache.query {
                $0.metrics = ["spend"]
                $0.timeRange = .with { $0.preset = "yesterday" }
            }.data.totals["spend"] == 3)
        await harness.postgres.shutdown()
    }
}
