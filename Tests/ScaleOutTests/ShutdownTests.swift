import Foundation
import MetricxRedis
import MetricxRuntime
import MetricxTestSupport
import Testing

/// SIGTERM ends every service binary within its bound while requests are arriving: the servers
/// drain, the background loops stop without waiting out their pause, the pools close, the
/// process exits 0 — and SyncSvc's scheduler gives its leader lease back on the way out.
@Suite(
    .enabled(
        if: TestEnvironment.canStartServers && TestEnvironment.binaries != nil,
        "needs make test's scripts/local-services and built executables"))
struct ShutdownTests {
    /// Short enough to keep the test quick, and the loops' pauses far longer than it, so a loop
    /// that slept through the shutdown would be seen.
    static let grace = 3
    static let environment = ["SHUTDOWN_GRACE": "\(grace)s"]

    @Test func sigtermEndsEachServiceUnderLoadWithinItsBound() async throws {
        try await TestEnvironment.withOwnPostgres { _, postgresPort in
            try await TestEnvironment.withOwnRedis { _, redisPort in
                try await TestEnvironment.services("bootstrap", "postgresql://postgres@127.0.0.1:\(postgresPort)/postgres")
                var stack = ReplicaStack(postgresPort: postgresPort, redisPort: redisPort)
                stack.replicasPerService = 1
                try stack.start(syncScheduleTick: "60s", environment: Self.environment)
                let redis = TestEnvironment.redisClient(url: stack.redisURL)
                do {
                    try await stack.waitUntilServing()
                    try await check(stack, redis: redis)
                } catch {
                    await stack.stop()
                    await redis.shutdown()
                    throw error
                }
                await redis.shutdown()
            }
        }
    }

    private func check(_ stack: ReplicaStack, redis: RedisClient) async throws {
        let gateway = "http://127.0.0.1:\(stack.replicas(of: .gateway)[0].httpPort!)"
        let key = try await stack.createWorkspace(name: "Shutdown")
        let created = try await stack.request(gateway, "POST", "/connections", key: key, body: ["provider": "demo", "name": "Demo"])
        let connection = try #require(created["id"] as? String)
        _ = try await stack.waitForRuns(gateway, connection: connection, key: key) { runs in
            runs.contains { $0["status"] as? String == "succeeded" }
        }
        // The single SyncSvc leads the scheduler.
        #expect(try await redis.send("GET", "sync:scheduler:leader").string != nil)

        // Load: dashboards, semantic queries and copilot answers, four at a time, until the end.
        let load = Task {
            await withTaskGroup(of: Void.self) { group in
                for worker in 0..<4 {
                    group.addTask {
                        while !Task.isCancelled {
                            let (method, path, body): (String, String, [String: Any]?) =
                                switch worker {
                                case 0: ("GET", "/dashboard?timeframe=last_30_days", nil)
                                case 1: ("POST", "/qa/semantic", ["metrics": ["spend", "roas"], "time_range": ["preset": "last_30_days"]])
                                case 2: ("POST", "/qa/agent/sync", ["question": "spend by campaign over the last 30 days"])
                                default: ("GET", "/connections/\(connection)/runs", nil)
                                }
                            _ = try? await stack.request(gateway, method, path, key: key, body: body)
                        }
                    }
                }
            }
        }
        try await Task.sleep(for: .seconds(2))

        // Each service in turn, the internal ones first so the gateway keeps sending them work.
        let bound = Duration.seconds(Self.grace) + .seconds(8)
        for service in [ServiceName.metrics, .copilot, .lineage, .sync, .gateway] {
            let replica = stack.replicas(of: service)[0]
            let started = ContinuousClock.now
            kill(replica.pid, SIGTERM)
            // A process that ignores its bound is killed later, so the test reports it and ends.
            let reaper = Task {
                try await Task.sleep(for: bound + .seconds(10))
                kill(replica.pid, SIGKILL)
            }
            let status = await TestEnvironment.wait(replica.pid)
            reaper.cancel()
            let took = ContinuousClock.now - started
            #expect(took < bound, "\(service.displayName) took \(took) to stop (bound \(bound)); see \(replica.log)")
            #expect(status == 0, "\(service.displayName) exited with \(status); see \(replica.log)")
            #expect(try !stack.logLines(replica, message: "stopped").isEmpty, "\(service.displayName) did not finish its shutdown")
            if service == .sync {
                #expect(try await redis.send("GET", "sync:scheduler:leader").string == nil, "the scheduler kept its lease")
            }
        }
        load.cancel()
        await load.value
    }
}
