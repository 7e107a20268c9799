import AsyncHTTPClient
import Foundation
import MetricxPostgres
import MetricxRedis
import MetricxRuntime
import MetricxTestSupport
import NIOCore
import Testing

/// Two replicas of every service against one Postgres and one Redis, as the Kubernetes
/// manifests run them: each schema is migrated once, one SyncSvc replica leads the scheduler
/// (and another takes over when it dies), every job runs once, and either gateway answers the
/// same.
@Suite(
    .enabled(
        if: TestEnvironment.canStartServers && TestEnvironment.binaries != nil,
        "needs make test's scripts/local-services and built executables"))
struct ReplicaTests {
    @Test func twoReplicasOfEveryServiceShareTheWorkOnce() async throws {
        try await TestEnvironment.withOwnPostgres { _, postgresPort in
            try await TestEnvironment.withOwnRedis { _, redisPort in
                try await TestEnvironment.services("bootstrap", "postgresql://postgres@127.0.0.1:\(postgresPort)/postgres")
                var stack = ReplicaStack(postgresPort: postgresPort, redisPort: redisPort)
                try stack.start()
                let postgres = TestEnvironment.postgresClient(url: "postgresql://postgres@127.0.0.1:\(postgresPort)/metricx")
                let redis = TestEnvironment.redisClient(url: stack.redisURL)
                let outcome = await Result {
                    try await stack.waitUntilServing()
                    try await check(stack, postgres: postgres, redis: redis)
                }
                await stack.stop()
                await postgres.shutdown()
                await redis.shutdown()
                try outcome.get()
            }
        }
    }

    private func check(_ stack: ReplicaStack, postgres: PostgresClient, redis: RedisClient) async throws {
        // Migrations: every (schema, version) applied by exactly one of the ten processes.
        var applied: [String: Int] = [:]
        for replica in stack.replicas {
            for line in try stack.logLines(replica, message: "applying migration") {
                applied["\(line["schema"] ?? "?"):\(line["version"] ?? "?")", default: 0] += 1
            }
        }
        for service in ServiceName.allCases {
            let versions = try await postgres.query("SELECT count(*)::int FROM \(service.schema).schema_migrations").rows.first!.decode(
                Int.self)
            #expect(versions > 0)
            #expect(applied.filter { $0.key.hasPrefix("\(service.schema):") }.count == versions, "\(service): \(applied)")
        }
        #expect(applied.values.allSatisfy { $0 == 1 }, "\(applied)")

        // A workspace with the demo connector, created through gateway 0 and read through gateway 1.
        let gateways = stack.replicas(of: .gateway).map { "http://127.0.0.1:\($0.httpPort!)" }
        let key = try await stack.createWorkspace()
        let created = try await stack.request(gateways[0], "POST", "/connections", key: key, body: ["provider": "demo", "name": "Demo"])
        let connection = try #require(created["id"] as? String)
        let firstRuns = try await stack.waitForRuns(gateways[1], connection: connection, key: key) { runs in
            runs.contains { $0["status"] as? String == "succeeded" }
        }
        #expect(!firstRuns.isEmpty)

        // The scheduler: one leader among the two SyncSvc replicas; only it schedules.
        try await Task.sleep(for: .seconds(4))
        let syncs = stack.replicas(of: .sync)
        let scheduling = try syncs.filter { try !stack.logLines($0, message: "scheduled jobs").isEmpty }
        #expect(scheduling.count == 1, "replicas that scheduled: \(scheduling.map(\.index))")
        let leader = try #require(try await redis.send("GET", "sync:scheduler:leader").string)

        // Every job ran once: no job id succeeded twice across the replicas, every run finished on
        // its first attempt, and each 15-minute slot of the connection has one scheduled sync.
        var succeeded: [String: Int] = [:]
        for replica in syncs {
            for line in try stack.logLines(replica, message: "job succeeded") { succeeded["\(line["job"] ?? "?")", default: 0] += 1 }
        }
        #expect(!succeeded.isEmpty)
        #expect(succeeded.values.allSatisfy { $0 == 1 }, "\(succeeded)")
        var runs: [(status: String, attempt: Int)] = []
        for row in try await postgres.query("SELECT status, attempt FROM sync.runs WHERE connection_id = $1::uuid", connection).rows {
            let (status, attempt) = try row.decode(String.self, Int.self)
            runs.append((status, attempt))
        }
        #expect(!runs.isEmpty)
        #expect(runs.allSatisfy { $0.status != "failed" && $0.attempt <= 1 }, "\(runs)")
        // A connection's slots start at an offset of its own inside the 15 minutes (SyncSchedule:
        // the first 8 bytes of SHA-256 of its id, modulo 900 s), so the slots are counted from it,
        // not from the quarter hour.
        let perSlot = try await postgres.query(
            """
            WITH hash AS (
                SELECT encode(sha256(convert_to(lower($1), 'UTF8')), 'hex') AS h
            ), offset_seconds AS (
                SELECT (('x' || lpad(substr(h, 1, 8), 16, '0'))::bit(64)::bigint::numeric * 4294967296
                        + ('x' || lpad(substr(h, 9, 8), 16, '0'))::bit(64)::bigint) % 900 AS o
                FROM hash
            )
            SELECT count(*)::int FROM sync.runs, offset_seconds
            WHERE connection_id = $1::uuid AND trigger = 'schedule' AND kind = 'sync'
            GROUP BY floor((extract(epoch FROM queued_at) - o) / 900) ORDER BY 1 DESC LIMIT 1
            """, connection
        ).rows.first.map { try $0.decode(Int.self) }
        #expect((perSlot ?? 1) == 1)

        // Both gateways answer the same numbers, which are the rows stored once.
        let query: [String: Any] = ["metrics": ["spend"], "time_range": ["preset": "last_30_days"]]
        let spends = try await gateways.asyncMap { gateway in
            try await stack.request(gateway, "POST", "/qa/semantic", key: key, body: query)
        }.map { (($0["data"] as? [String: Any])?["totals"] as? [String: Any])?["spend"] as? Double }
        #expect(spends[0] != nil && spends[0] == spends[1])

        // A copilot answer streamed through gateway 0 resumes through gateway 1, as when the pod
        // serving it goes away: copilot replica 1 replays what replica 0 recorded in Redis.
        let question: [String: Any] = ["question": "spend over the last 30 days", "as_of": "2026-11-19T15:00:00Z"]
        let streamed = try await stack.requestText(gateways[0], "POST", "/qa/agent/sse", key: key, body: question)
        let ids = eventIDs(streamed)
        #expect(ids.count > 4)
        if ids.count > 4 {
            let resumed = try await stack.requestText(
                gateways[1], "POST", "/qa/agent/sse", key: key, body: nil, headers: ["Last-Event-ID": ids[1]])
            #expect(eventIDs(resumed) == Array(ids.dropFirst(2)))
            #expect(resumed.contains(#""type":"done""#))
        }

        // The leader dies: the other replica takes the lease within its TTL (3 ticks) and schedules.
        let leaderReplica = try #require(scheduling.first)
        kill(leaderReplica.pid, SIGKILL)
        _ = await TestEnvironment.wait(leaderReplica.pid)
        let survivor = try #require(syncs.first { $0.index != leaderReplica.index })
        var newLeader = leader
        for _ in 0..<40 where newLeader == leader {
            try await Task.sleep(for: .milliseconds(250))
            newLeader = try await redis.send("GET", "sync:scheduler:leader").string ?? leader
        }
        #expect(newLeader != leader)
        // New work is now done by the survivor: another workspace's first sync. (Here each
        // gateway calls the SyncSvc replica of its own index; in the cluster the Service stops
        // routing to the dead pod.)
        let before = try stack.logLines(survivor, message: "job succeeded").count
        let gateway = gateways[survivor.index]
        let secondKey = try await stack.createWorkspace(name: "Replicas 2")
        let second = try await stack.request(gateway, "POST", "/connections", key: secondKey, body: ["provider": "demo", "name": "Demo"])
        let secondID = try #require(second["id"] as? String)
        _ = try await stack.waitForRuns(gateway, connection: secondID, key: secondKey) { runs in
            runs.contains { $0["status"] as? String == "succeeded" }
        }
        #expect(try stack.logLines(survivor, message: "job succeeded").count > before)
    }

    /// The `id:` lines of a server-sent event stream, in order.
    private func eventIDs(_ text: String) -> [String] {
        text.split(separator: "\n").filter { $0.hasPrefix("id: ") }.map { String($0.dropFirst(4)) }
    }
}

extension Result where Failure == any Error {
    fileprivate init(_ body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}

extension Array {
    fileprivate func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
