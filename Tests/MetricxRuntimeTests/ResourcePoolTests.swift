import MetricxRuntime
import Testing

@Suite struct ResourcePoolTests {
    final class Resource: Sendable {}

    @Test func lendsUpToTheMaximumThenQueuesInOrder() async throws {
        let pool = ResourcePool<Resource>(maximum: 2)
        guard case .open = try await pool.acquire(timeout: .seconds(1)) else {
            Issue.record("expected a slot")
            return
        }
        guard case .open = try await pool.acquire(timeout: .seconds(1)) else {
            Issue.record("expected a slot")
            return
        }
        let resource = Resource()
        async let waiter = pool.acquire(timeout: .seconds(5))
        try await Task.sleep(for: .milliseconds(50))
        #expect(await pool.release(resource, reusable: true) == nil)
        guard case .reuse(let handed) = try await waiter else {
            Issue.record("expected the released resource")
            return
        }
        #expect(handed === resource)
    }

    @Test func aWaiterTimesOutWithTheReason() async throws {
        let pool = ResourcePool<Resource>(maximum: 1)
        _ = try await pool.acquire(timeout: .seconds(1))
        let error = await #expect(throws: ResourcePoolError.self) { try await pool.acquire(timeout: .milliseconds(50)) }
        #expect(error?.reason == .timedOut(maximum: 1, timeout: .milliseconds(50)))
    }

    @Test func aBrokenResourceFreesItsSlotAndClosingFailsWaiters() async throws {
        let pool = ResourcePool<Resource>(maximum: 1)
        _ = try await pool.acquire(timeout: .seconds(1))
        let broken = Resource()
        #expect(await pool.release(broken, reusable: false) === broken)
        guard case .open = try await pool.acquire(timeout: .seconds(1)) else {
            Issue.record("expected a slot")
            return
        }
        let waiter = Task { try await pool.acquire(timeout: .seconds(5)) }
        try await Task.sleep(for: .milliseconds(50))
        _ = await pool.close()
        await #expect(throws: ResourcePoolError.self) { try await waiter.value }
        await #expect(throws: ResourcePoolError.self) { try await pool.acquire(timeout: .seconds(1)) }
    }
}
