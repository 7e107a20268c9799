/// One thing the gateway needs to serve traffic. `check` throws when it is not reachable.
protocol DependencyCheck: Sendable {
    var name: String { get }
    func check() async throws
}

/// The outcome of checking every dependency, for `GET /readyz`.
struct ReadinessReport: Codable, Sendable, Equatable {
    var status: String
    var checks: [String: String]

    var isReady: Bool { status == "ready" }

    /// Runs all checks concurrently, each bounded by `timeout`.
    static func run(_ checks: [any DependencyCheck], timeout: Duration) async -> ReadinessReport {
        let results = await withTaskGroup(of: (String, String).self) { group in
            for dependency in checks {
                group.addTask {
                    do {
                        try await withTimeout(timeout) { try await dependency.check() }
                        return (dependency.name, "ok")
                    } catch {
                        return (dependency.name, "unavailable: \(error)")
                    }
                }
            }
            var results: [String: String] = [:]
            for await (name, outcome) in group { results[name] = outcome }
            return results
        }
        let ready = results.values.allSatisfy { $0 == "ok" }
        return ReadinessReport(status: ready ? "ready" : "not_ready", checks: results)
    }
}

struct TimeoutError: Error, CustomStringConvertible {
    var description: String { "timed out" }
}

/// Runs `operation`, giving up after `timeout`.
func withTimeout<T: Sendable>(_ timeout: Duration, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: timeout)
            throw TimeoutError()
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}
