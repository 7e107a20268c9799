import Foundation
import Hummingbird
import HummingbirdTesting
import MetricxTestSupport
import Testing

@testable import Gateway

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

    func app(_ checks: [any DependencyCheck], timeout: Duration = .seconds(2)) -> some ApplicationProtocol {
        Application(
            router: buildRouter(GatewayDependencies(store: InMemoryWorkspaceStore(), readinessChecks: checks, readinessTimeout: timeout)))
    }

    @Test func healthzAnswersWithoutTouchingDependencies() async throws {
        try await app([FakeCheck(name: "postgres", fails: true)]).test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"status":"ok"}"#)
                #expect(response.headers[.requestID] != nil)
            }
        }
    }

    @Test func readyzIs200WhenEverythingAnswers() async throws {
        try await app([FakeCheck(name: "postgres"), FakeCheck(name: "redis")]).test(.router) { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok)
                let report = GatewayHarness.decode(ReadinessReport.self, response)
                #expect(report == ReadinessReport(status: "ready", checks: ["postgres": "ok", "redis": "ok"]))
            }
        }
    }

    @Test func readyzIs503AndNamesWhatIsDownOrHanging() async throws {
        let checks: [any DependencyCheck] = [
            FakeCheck(name: "postgres"), FakeCheck(name: "redis", fails: true), FakeCheck(name: "MetricsSvc", hangs: true),
        ]
        try await app(checks, timeout: .milliseconds(100)).test(.router) { client in
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                let report = GatewayHarness.decode(ReadinessReport.self, response)
                #expect(report?.status == "not_ready")
                #expect(report?.checks["postgres"] == "ok")
                #expect(report?.checks["redis"] == "unavailable: connection refused")
                #expect(report?.checks["MetricsSvc"] == "unavailable: timed out")
            }
        }
    }

    @Test(.enabled(if: TestEnvironment.hasPostgres && TestEnvironment.hasRedis, "needs make test's servers"))
    func realPostgresAndRedisChecksPass() async throws {
        let postgres = TestEnvironment.postgresClient()
        let redis = TestEnvironment.redisClient()
        let report = await ReadinessReport.run([PostgresCheck(client: postgres), RedisCheck(client: redis)], timeout: .seconds(2))
        #expect(report.isReady)
        await postgres.shutdown()
        await redis.shutdown()
    }
}
