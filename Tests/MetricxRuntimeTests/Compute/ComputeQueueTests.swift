import MetricxRuntime
import Synchronization
import Testing

@Suite struct ComputeQueueTests {
    final class Flag: Sendable {
        private let value = Atomic(false)
        func set() { value.store(true, ordering: .relaxed) }
        var isSet: Bool { value.load(ordering: .relaxed) }
    }

    /// Work that runs until its request ends, saying when it started.
    private static func spin(_ started: Flag) -> @Sendable (ComputeBudget) throws -> Int {
        { budget in
            started.set()
            var steps = 0
            while true {
                try budget.check()
                steps &+= 1
            }
        }
    }

    private static func waitUntil(_ flag: Flag) async throws {
        while !flag.isSet { try await Task.sleep(for: .milliseconds(5)) }
    }

    @Test func aFullQueueRefusesAtOnceWithUnavailable() async throws {
        let queue = ComputeQueue(capacity: 1)
        let started = Flag()
        let busy = Task<Int, any Error> { try await queue.run(Self.spin(started)) }
        try await Self.waitUntil(started)
        let refused = await #expect(throws: ServiceError.self) { try await queue.run { _ in 1 } }
        #expect(refused?.code == .unavailable)
        busy.cancel()
        _ = try? await busy.value
        // Capacity is back once the work ended.
        #expect(try await queue.run { _ in 7 } == 7)
        #expect(queue.load == 0)
    }

    @Test func cancellingTheRequestStopsItsWork() async throws {
        let queue = ComputeQueue(capacity: 2)
        let started = Flag()
        let work = Task<Int, any Error> { try await queue.run(Self.spin(started)) }
        try await Self.waitUntil(started)
        work.cancel()
        await #expect(throws: CancellationError.self) { try await work.value }
        #expect(queue.load == 0)
    }
}
