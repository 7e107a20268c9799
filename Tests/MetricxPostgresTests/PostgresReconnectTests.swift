import Foundation
import MetricxPostgres
import MetricxTestSupport
import Testing

/// Restarts a Postgres of its own, so other suites running in parallel are not disturbed.
@Suite(.enabled(if: TestEnvironment.canStartServers, "needs scripts/local-services (make test)"))
struct PostgresReconnectTests {
    @Test func reconnectsAfterTheServerRestarts() async throws {
        try await TestEnvironment.withOwnPostgres { directory, port in
            let client = TestEnvironment.postgresClient(url: "postgresql://postgres@127.0.0.1:\(port)/postgres", maximumConnections: 2)
            let before = try await client.query("SELECT pg_backend_pid()").single().decode(Int.self, at: 0)

            try await TestEnvironment.services("pg-restart", directory)

            // The pooled connection was dropped by the restart; the client notices and reconnects.
            let after = try await client.query("SELECT pg_backend_pid()").single().decode(Int.self, at: 0)
            #expect(after != before)

            // While the server is down, calls fail fast as unavailable, and recover once it is back.
            try await TestEnvironment.services("pg-stop", directory)
            let error = await #expect(throws: PostgresError.self) { try await client.query("SELECT 1") }
            #expect(error?.serviceError.code == .unavailable)
            try await TestEnvironment.services("pg-start", directory, String(port))
            #expect(try await client.query("SELECT 1").single().decode(Int.self, at: 0) == 1)
            await client.shutdown()
        }
    }
}
