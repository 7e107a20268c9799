import GRPCCore
import MetricxPostgres
import MetricxProtos
import MetricxRPC
import MetricxRedis

/// Postgres answers `SELECT 1`.
struct PostgresCheck: DependencyCheck {
    let client: PostgresClient
    var name: String { "postgres" }

    func check() async throws {
        try await client.query("SELECT 1")
    }
}

/// Redis answers `PING`.
struct RedisCheck: DependencyCheck {
    let client: RedisClient
    var name: String { "redis" }

    func check() async throws {
        try await client.send("PING")
    }
}

/// A peer service reports SERVING through `grpc.health.v1.Health/Check`.
struct GRPCHealthCheck: DependencyCheck {
    let name: String
    let client: RPCClient

    struct NotServing: Error, CustomStringConvertible {
        var status: Grpc_Health_V1_HealthCheckResponse.ServingStatus
        var description: String { "status \(status)" }
    }

    func check() async throws {
        let health = Grpc_Health_V1_Health.Client(wrapping: client.grpc)
        let response = try await health.check(.with { $0.service = "" })
        guard response.status == .serving else { throw NotServing(status: response.status) }
    }
}
