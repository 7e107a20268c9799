import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import MetricxPostgres
import MetricxProtos
import MetricxRedis
import MetricxTestSupport

@testable import Gateway
@testable import LineageSvc

/// A gateway router over the real `gateway` schema of the test database.
enum GatewayHarness {
    struct Tenant {
        var workspace: Workspace
        var adminKey: String
        var viewerKey: String
        var viewerKeyID: String
    }

    /// The test database with the gateway schema migrated (idempotent, safe in parallel).
    static func store() async throws -> (PostgresWorkspaceStore, PostgresClient) {
        let client = TestEnvironment.postgresClient()
        try await PostgresMigrator(schema: "gateway", migrations: GatewayMigrations.all).migrate(client, logger: Logger(label: "test"))
        return (PostgresWorkspaceStore(client: client), client)
    }

    /// LineageSvc's service on `postgres` (its schema migrated when `migrate`), asking `metrics`
    /// for leaves and anomalies.
    static func lineage(
        postgres: PostgresClient, metrics: any Metricx_V1_MetricsService.ClientProtocol, migrate: Bool = true
    ) async throws -> LineageService {
        if migrate {
            try await PostgresMigrator(schema: "lineage", migrations: LineageMigrations.all).migrate(
                postgres, logger: Logger(label: "test"))
        }
        return LineageService(postgres: postgres, metrics: metrics)
    }

    static func tenant(_ store: any WorkspaceStore, name: String = "Acme", timezone: String = "UTC") async throws -> Tenant {
        let workspace = try await store.createWorkspace(name: name, timezone: timezone, currency: "USD")
        let (_, admin) = try await store.createAPIKey(workspaceID: workspace.id, name: "admin", role: .admin)
        let (viewerRecord, viewer) = try await store.createAPIKey(workspaceID: workspace.id, name: "viewer", role: .viewer)
        return Tenant(workspace: workspace, adminKey: admin, viewerKey: viewer, viewerKeyID: viewerRecord.id)
    }

    static func app(
        store: any WorkspaceStore, redis: RedisClient? = nil, rateLimit: Int = 1200, jwt: JWTVerifier? = nil,
        copilot: (any Metricx_V1_CopilotService.ClientProtocol)? = nil,
        metrics: MetricsPeer? = nil,
        sync: (any Metricx_V1_SyncService.ClientProtocol)? = nil,
        lineage: (any Metricx_V1_LineageService.ClientProtocol)? = nil, sseKeepAlive: Duration = .seconds(15),
        failedAuthenticationLimit: Int = 0, trustedProxyHops: Int = 0
    ) -> some ApplicationProtocol {
        Application(
            router: router(
                store: store, redis: redis, rateLimit: rateLimit, jwt: jwt, copilot: copilot, metrics: metrics, sync: sync,
                lineage: lineage, sseKeepAlive: sseKeepAlive, failedAuthenticationLimit: failedAuthenticationLimit,
                trustedProxyHops: trustedProxyHops))
    }

    static func router(
        store: any WorkspaceStore, redis: RedisClient? = nil, rateLimit: Int = 1200, jwt: JWTVerifier? = nil,
        copilot: (any Metricx_V1_CopilotService.ClientProtocol)? = nil,
        metrics: MetricsPeer? = nil,
        sync: (any Metricx_V1_SyncService.ClientProtocol)? = nil,
        lineage: (any Metricx_V1_LineageService.ClientProtocol)? = nil, sseKeepAlive: Duration = .seconds(15),
        failedAuthenticationLimit: Int = 0, trustedProxyHops: Int = 0
    ) -> Router<GatewayContext> {
        // The failed-authentication limit is off unless a test is about it: tests share one
        // client address (none, in router tests) and one Redis.
        buildRouter(
            GatewayDependencies(
                store: store, metrics: metrics, copilot: copilot, sync: sync, lineage: lineage, jwt: jwt, redis: redis, readinessChecks: [],
                rateLimitPerMinute: rateLimit, failedAuthenticationsPerMinute: failedAuthenticationLimit,
                clientAddresses: ClientAddressResolver(trustedProxyHops: trustedProxyHops), sseKeepAlive: sseKeepAlive))
    }

    /// A verifier for `provider`'s JWKS at `url`, sharing keys through `redis` when given.
    static func verifier(_ url: URL, redis: RedisClient? = nil, minimumRefresh: Duration = .zero) -> JWTVerifier {
        var settings = JWTSettings(jwksURL: url, issuer: TestIdentityProvider.issuer, audience: TestIdentityProvider.audience)
        settings.minimumRefreshInterval = minimumRefresh
        return JWTVerifier(settings: settings, redis: redis, logger: Logger(label: "test.jwt"))
    }

    static func headers(_ key: String, json: Bool = true) -> HTTPFields {
        var fields: HTTPFields = [.authorization: "Bearer \(key)"]
        if json { fields[.contentType] = "application/json" }
        return fields
    }

    struct ErrorBody: Decodable {
        struct Detail: Decodable {
            var code: String
            var message: String
            var field: String?
        }
        var error: Detail
    }

    /// The JSON error body's detail, nil when the body is not one.
    static func error(_ response: TestResponse) -> ErrorBody.Detail? {
        try? JSONDecoder().decode(ErrorBody.self, from: Data(buffer: response.body)).error
    }

    /// The body decoded as `T`, nil when it does not decode.
    static func decode<T: Decodable>(_ type: T.Type, _ response: TestResponse) -> T? {
        try? JSONDecoder().decode(T.self, from: Data(buffer: response.body))
    }
}
