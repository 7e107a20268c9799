import Foundation
import MetricxTestSupport
import Testing

@testable import SyncSvc

@Suite(.enabled(if: TestEnvironment.hasPostgres && TestEnvironment.hasRedis, "needs the Postgres and Redis started by make test"))
struct SchedulerTests {
    /// Jobs on the queue for `connections`, by kind.
    func queued(_ harness: SyncHarness, _ connections: Set<UUID>) async throws -> [Job.Kind: Int] {
        var counts: [Job.Kind: Int] = [:]
        while let lease = try await harness.queue.claim() {
            if lease.job.kind == .compaction || lease.job.connectionID.map(connections.contains) == true {
                counts[lease.job.kind, default: 0] += 1
            }
            try await harness.queue.acknowledge(lease)
        }
        return counts
    }

    @Test func twoReplicasEnqueueEachPeriodsJobsOnceAndARestartAddsNone() async throws {
        let harness = try await SyncHarness.make()
        let ids = Set(
            try await [
                harness.connection(.demo, account: "a").id, harness.connection(.demo, account: "b").id,
                harness.connection(.demo, account: "c").id,
            ])
        func replica() -> Scheduler {
            Scheduler(queue: harness.queue, enqueuer: harness.enqueuer, connections: harness.connections, replicaID: UUID().uuidString)
        }
        // Early in an hour, so that the whole test stays within one hour and one day.
        let now = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 3600).rounded(.down) * 3600 + 60)
        // Two replicas tick at the same moment; then the leader's lease lapses and the other takes over.
        async let one = replica().tick(at: now)
        async let two = replica().tick(at: now)
        _ = try await (one, two)
        try await harness.redis.send("DEL", harness.prefix + "scheduler:leader")
        _ = try await replica().tick(at: now)
        var counts = try await queued(harness, ids)
        #expect(counts[.sync] == 3)
        #expect(counts[.attribution] == 3)
        #expect(counts[.compaction] == 1)

        // A restarted replica within the same period enqueues nothing.
        try await harness.redis.send("DEL", harness.prefix + "scheduler:leader")
        // (Counted on the queue: parallel tests add connections of their own to the scan.)
        _ = try await replica().tick(at: now)
        #expect(try await queued(harness, ids).isEmpty)

        // The next period: one new sync per connection, no new attribution (same day).
        try await harness.redis.send("DEL", harness.prefix + "scheduler:leader")
        _ = try await replica().tick(at: now.addingTimeInterval(900))
        counts = try await queued(harness, ids)
        #expect(counts[.sync] == 3)
        await harness.shutdown()
    }

    @Test func onlyTheLeaderScans() async throws {
        let harness = try await SyncHarness.make()
        _ = try await harness.connection(.demo, account: "a")
        let leader = Scheduler(queue: harness.queue, enqueuer: harness.enqueuer, connections: harness.connections, replicaID: "one")
        let follower = Scheduler(queue: harness.queue, enqueuer: harness.enqueuer, connections: harness.connections, replicaID: "two")
        #expect(try await leader.tick(at: Date()) > 0)
        #expect(try await follower.tick(at: Date().addingTimeInterval(900)) == 0)
        await harness.shutdown()
    }

    @Test func slotsSpreadConnectionsAcrossThePeriod() {
        let schedule = SyncSchedule()
        let offsets = Set((0..<50).map { _ in Int(schedule.offset(UUID()) / 60) })
        #expect(offsets.count > 10)
        let id = UUID()
        let now = Date()
        let next = schedule.nextRun(id, after: now)
        #expect(next > now && next.timeIntervalSince(now) <= 900)
        #expect(schedule.slot(id, at: next) == schedule.slot(id, at: now) + 1)
        #expect(SyncSchedule.runID(for: "x") == SyncSchedule.runID(for: "x"))
    }
}
