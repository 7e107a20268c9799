import Foundation
@testable import Gateway
import Hummingbird
import HummingbirdTesting
import MetricxTestSupport
import Testing

@Suite struct ReadinessTests {
    struct FakeCheck: DependencyCheck {
        var name: String
        var fails = false
        var hangs = false
        struct Down: Error, CustomStringConvertible { var description: String { "connection refused" } }

        func check() async throws {
            if hangs { try await Task.sleep(for: .seconds(30)) }
            if fails { throw Down() }
        }
    }

    @Test func healthzAnswersWithoutTouchingDependencies() async throws {
        let app = Application(router: buildRouter(GatewayDependencies(readinessChecks: [FakeCheck(name: "postgres", fails: true)])))
        try await app.test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"status":"ok"}"#)
            }
        }
    }

    @Test func readyzIs200WhenEverythingAnswers() async throws {
        let app = Application(router: buildRouter(GatewayDependencies(readinessChecks: [FakeCheck(name: "postgres"), FakeCheck(name: "redis")])))
        try await app.test(.router) { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok)
                let report = try JSONDecoder().decode(ReadinessReport.self, from: Data(buffer: response.body))
                #expect(report == ReadinessReport(status: "ready", checks: ["postgres": "ok", "redis": "ok"]))
            }
        }
    }

    @Test func readyzIs503AndNamesWhatIsDownOrHanging() async throws {
        let checks: [any DependencyCheck] = [
            FakeCheck(name: "postgres"), FakeCheck(name: "redis", fails: true), FakeCheck(name: "MetricsSvc", hangs: true),
        ]
        let app = Application(router: buildRouter(GatewayDependencies(readinessChecks: checks, readinessTimeout: .milliseconds(100))))
        try await app.test(.router) { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                let report = try JSONDecoder().decode(ReadinessReport.self, from: Data(buffer: response.body))
                #expect(report.status == "not_ready")
                #expect(report.checks["postgres"] == "ok")
                #expect(report.checks["redis"] == "unavailable: connection refused")
                #expect(report.checks["MetricsSvc"] == "unavailable: timed out")
            }
        }
    }

    @Test(.enabled(if: TestEnvironment.hasPostgres && TestEnvironment.hasRedis, "needs make test's servers"))
    func realPostgresAndRedisChecksPass() async throws {
        let postgres = TestEnvironment.postgresClient()
        let redis = TestEnvironment.redisClient()
        defer { Task { await postgres.shutdown(); await redis.shutdown() } }
        let report = await ReadinessReport.run([PostgresCheck(client: postgres), RedisCheck(client: redis)], timeout: .seconds(2))
        #expect(report.isReady)
    }
}
