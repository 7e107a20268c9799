import Foundation

/// Latencies of one benchmark case and what they amount to.
struct LatencySample {
    var durations: [Duration]
    var wall: Duration

    private func percentile(_ p: Double) -> Double {
        let sorted = durations.sorted()
        guard !sorted.isEmpty else { return .nan }
        let index = min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.up)) - 1)
        return sorted[max(0, index)].milliseconds
    }

    var p50: Double { percentile(0.50) }
    var p99: Double { percentile(0.99) }
    var throughput: Double { Double(durations.count) / wall.seconds }

    /// Runs `operation` `count` times with `concurrency` in flight.
    static func measure(count: Int, concurrency: Int, _ operation: @escaping @Sendable () async throws -> Void) async throws -> LatencySample {
        let started = ContinuousClock.now
        let durations = try await withThrowingTaskGroup(of: [Duration].self) { group in
            let perWorker = count / concurrency
            for _ in 0..<concurrency {
                group.addTask {
                    var local: [Duration] = []
                    for _ in 0..<perWorker {
                        let start = ContinuousClock.now
                        try await operation()
                        local.append(ContinuousClock.now - start)
                    }
                    return local
                }
            }
            var all: [Duration] = []
            for try await part in group { all += part }
            return all
        }
        return LatencySample(durations: durations, wall: ContinuousClock.now - started)
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
    var milliseconds: Double { seconds * 1000 }
}
