import Foundation
import MetricxRPC
import MetricxTestSupport
import Testing

@testable import SyncSvc

/// A real SyncSvc process killed with SIGKILL in the middle of a job: the job is not lost (it is
/// delivered again after the visibility timeout) and no row is written twice.
@Suite(
    .enabled(
        if: TestEnvironment.hasPostgres && TestEnvironment.hasRedis && TestEnvironment.binaries != nil,
        "needs make test's Postgres, Redis and built executables"))
struct WorkerCrashTests {
    @Test func aWorkerKilledMidJobLosesNoJobAndDuplicatesNoRow() async throws {
        let harness = try await SyncHarness.make(visibility: .seconds(2))
        let connection = try await harness.connection(.meta, account: "act_111", token: "meta-token", settings: ["granularity": "day"])
        let days = ConnectorTests.days
        let fake = FakeProvider { call in
            // The first request never gets its answer in time: the worker is killed while it waits.
            .init(body: MetaFixtures.page(call.query["after"], days: days), delay: call.number == 1 ? .seconds(8) : nil)
        }
        try await fake.serve { url in
            try await withMetrics(harness.postgres) { metrics in
                let (run, _) = try await harness.enqueuer.enqueueReturningRun(
                    kind: .sync, workspaceID: connection.workspaceID, connectionID: connection.id, trigger: "manual",
                    idempotencyKey: "crash")
                let environment = [
                    "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                    "DATABASE_URL": TestEnvironment.databaseURL!, "REDIS_URL": TestEnvironment.redisURL!,
                    "METRICS_SVC_ADDR": "127.0.0.1:\(metrics.configuration.target.port)",
                    "GRPC_PORT": "\(TestEnvironment.freePort())", "ADMIN_PORT": "\(TestEnvironment.freePort())",
                    "SYNC_ENCRYPTION_KEYS": "k1:\(SyncHarness.key1),k2:\(SyncHarness.key2)", "SYNC_ENCRYPTION_KEY_ID": "k1",
                    "SYNC_QUEUE_PREFIX": harness.prefix, "SYNC_SCHEDULER": "false", "SYNC_VISIBILITY_TIMEOUT": "2s",
                    "SYNC_WORKERS": "1", "META_API_BASE_URL": url, "LOG_LEVEL": "info",
                    "SERVICE_TOKEN": TestEnvironment.serviceTokenText,
                ]
                let pid = try TestEnvironment.spawn(
                    "\(TestEnvironment.binaries!)/SyncSvc", environment: environment,
                    output: "\(TestEnvironment.scratch)/\(TestEnvironment.uniqueName("syncsvc")).log")
                var started = false
                for _ in 0..<600 where !started {
                    started = fake.callCount > 0
                    if !started { try await Task.sleep(for: .milliseconds(100)) }
                }
                #expect(started, "the worker process never called the provider")
                #expect(try await harness.queue.depth().inflight == 1)
                kill(pid, SIGKILL)
                let status = await TestEnvironment.wait(pid)
                #expect(status & 0x7f == SIGKILL)

                // Nobody extends the lease any more: after the visibility timeout the job is back.
                var recovered = 0
                for _ in 0..<50 where recovered == 0 {
                    try await Task.sleep(for: .milliseconds(200))
                    recovered = try await harness.queue.reap()
                }
                #expect(recovered == 1)
                // The dead worker's connection lock lapses with the same timeout, a heartbeat's
                // write later than its lease; a claim before then finds the connection busy and
                // hands the job back for `busyDelay`.
                let lock = harness.prefix + "lock:conn:" + connection.id.uuidString.lowercased()
                var waits = 0
                while try await harness.redis.send("EXISTS", lock).int != 0, waits < 50 {
                    try await Task.sleep(for: .milliseconds(100))
                    waits += 1
                }
                try await harness.drain(harness.worker(harness.runner(metrics: metrics, fakeURL: url)))

                let finished = try #require(try await harness.runs.get(workspaceID: connection.workspaceID, id: run.id))
                #expect(finished.status == .succeeded && finished.attempt == 2, "\(finished)")
                let totals = try await harness.totals(connection.workspaceID)
                #expect(totals.rows == 5 && abs(totals.spend - 52.5) < 1e-9 && totals.purchases == 10)
                #expect(try await harness.queue.depth() == .init(ready: 0, inflight: 0, dead: 0))
            }
        }
        await harness.shutdown()
    }
}
