import Foundation
import MetricxTestSupport
import Testing

@testable import SyncSvc

@Suite(.enabled(if: TestEnvironment.hasPostgres && TestEnvironment.hasRedis, "needs the Postgres and Redis started by make test"))
struct JobQueueTests {
    func job(_ id: String = UUID().uuidString) -> Job { Job(id: id, kind: .compaction) }

    @Test func anIdempotencyKeyProducesOneJob() async throws {
        let harness = try await SyncHarness.make()
        let first = try await harness.queue.enqueue(job("a"), idempotencyKey: "k")
        let second = try await harness.queue.enqueue(job("b"), idempotencyKey: "k")
        #expect(first.created && !second.created)
        #expect(second.id == "a")
        #expect(try await harness.queue.depth() == .init(ready: 1, inflight: 0, dead: 0))
        await harness.shutdown()
    }

    @Test func aClaimedJobIsInvisibleUntilAcknowledged() async throws {
        let harness = try await SyncHarness.make()
        try await harness.queue.enqueue(job("a"), idempotencyKey: "a")
        let lease = try #require(try await harness.queue.claim())
        #expect(lease.attempt == 1)
        #expect(try await harness.queue.claim() == nil)
        #expect(try await harness.queue.acknowledge(lease))
        #expect(try await harness.queue.depth() == .init(ready: 0, inflight: 0, dead: 0))
        await harness.shutdown()
    }

    @Test func aJobWhoseWorkerStoppedIsDeliveredAgainAfterTheVisibilityTimeout() async throws {
        let harness = try await SyncHarness.make(visibility: .milliseconds(300))
        try await harness.queue.enqueue(job("a"), idempotencyKey: "a")
        let lost = try #require(try await harness.queue.claim())
        #expect(try await harness.queue.reap() == 0) // still within its visibility
        try await Task.sleep(for: .milliseconds(400))
        #expect(try await harness.queue.reap() == 1)
        let again = try #require(try await harness.queue.claim())
        #expect(again.job == lost.job && again.attempt == 2)
        // The first holder's lease is gone: it can neither finish nor fail the job any more.
        #expect(try await harness.queue.acknowledge(lost) == false)
        #expect(try await harness.queue.fail(lost, error: "late") == .lost)
        #expect(try await harness.queue.acknowledge(again))
        await harness.shutdown()
    }

    @Test func failuresRetryWithBackoffThenGoToTheDeadLetterList() async throws {
        let harness = try await SyncHarness.make(maxAttempts: 3)
        try await harness.queue.enqueue(job("a"), idempotencyKey: "a")
        for attempt in 1...3 {
            var lease: Lease?
            for _ in 0..<500 where lease == nil {
                lease = try await harness.queue.claim()
                if lease == nil { try await Task.sleep(for: .milliseconds(20)) }
            }
            let claimed = try #require(lease, "attempt \(attempt) was never delivered")
            #expect(claimed.attempt == attempt)
            let failedAt = Date()
            let outcome = try await harness.queue.fail(claimed, error: "boom \(attempt)")
            #expect(outcome == (attempt < 3 ? .retry : .dead))
            if attempt < 3 {
                // A retry waits for its backoff: it is due later than the moment it failed.
                let due = try await harness.redis.send("ZSCORE", harness.prefix + "q:ready", "a").string.flatMap(Double.init) ?? 0
                #expect(due > Double(JobQueue.milliseconds(failedAt)))
            }
        }
        #expect(try await harness.queue.deadLetters() == ["a"])
        #expect(try await harness.queue.depth() == .init(ready: 0, inflight: 0, dead: 1))
        await harness.shutdown()
    }

    @Test func aReleasedJobDoesNotCountAnAttempt() async throws {
        let harness = try await SyncHarness.make()
        try await harness.queue.enqueue(job("a"), idempotencyKey: "a")
        let lease = try #require(try await harness.queue.claim())
        #expect(try await harness.queue.release(lease))
        #expect(try #require(try await harness.queue.claim()).attempt == 1)
        await harness.shutdown()
    }

    @Test func backoffGrowsAndStaysWithinItsCeiling() {
        let backoff = Backoff(base: .seconds(2), maximum: .seconds(60))
        for attempt in 1...10 {
            let ceiling = min(Duration.seconds(2) * (1 << (attempt - 1)), .seconds(60))
            let delay = backoff.delay(afterAttempt: attempt)
            #expect(delay <= ceiling && delay >= ceiling / 2)
        }
    }
}
