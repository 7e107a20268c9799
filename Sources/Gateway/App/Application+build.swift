import Crypto
import Foundation
import Hummingbird
import Logging
import MetricxProtos
import MetricxRedis

/// What the HTTP application needs from the outside; tests pass their own.
struct GatewayDependencies: Sendable {
    var store: any WorkspaceStore
    var metrics: MetricsPeer?
    var copilot: (any Metricx_V1_CopilotService.ClientProtocol)?
    var sync: (any Metricx_V1_SyncService.ClientProtocol)?
    var lineage: (any Metricx_V1_LineageService.ClientProtocol)?
    /// The gateway's public base URL (OAuth callbacks are built from it).
    var publicURL = "http://127.0.0.1:8080"
    /// Binds OAuth flows to the browser that started them; a deployment derives its key from the
    /// service token so that every replica shares it.
    var oauthBinding = OAuthBrowserBinding(key: SymmetricKey(size: .bits256), secure: false)
    var jwt: JWTVerifier?
    var redis: RedisClient?
    var readinessChecks: [any DependencyCheck]
    var readinessTimeout: Duration = .seconds(2)
    var rateLimitPerMinute = 1200
    /// Failed authentications per client address and minute before 429; 0 disables.
    var failedAuthenticationsPerMinute = 20
    var clientAddresses = ClientAddressResolver(trustedProxyHops: 0)
    var corsOrigins: [String] = []
    var sseKeepAlive: Duration = .seconds(15)
    /// The web app; nil serves the API only.
    var web: WebAppController?
}

/// Builds the gateway's router: separate from `main` so tests run it with `app.test(.router)`.
func buildRouter(_ dependencies: GatewayDependencies) -> Router<GatewayContext> {
    let router = Router(context: GatewayContext.self)
    router.addMiddleware {
        RequestIDMiddleware()
        ErrorMiddleware<GatewayContext>()
        if !dependencies.corsOrigins.isEmpty {
            CORSMiddleware<GatewayContext>(
                allowOrigin: dependencies.corsOrigins == ["*"] ? .all : .originBased,
                allowHeaders: [.authorization, .contentType, .requestID, .workspaceID],
                allowMethods: [.get, .post, .patch, .put, .delete, .options],
                exposedHeaders: ["X-Request-Id", "Retry-After"])
        }
    }

    // Public: probes.
    // Liveness never depends on anything else, so a database outage does not make Kubernetes
    // restart every gateway.
    router.get("healthz") { _, _ -> Response in
        try jsonResponse(.ok, ["status": "ok"])
    }
    // Readiness: every dependency answers; 503 with the failing ones named otherwise.
    router.get("readyz") { _, _ -> Response in
        let report = await ReadinessReport.run(dependencies.readinessChecks, timeout: dependencies.readinessTimeout)
        return try jsonResponse(report.isReady ? .ok : .serviceUnavailable, report)
    }

    // The web app: a page and its files, public like any login page.
    dependencies.web?.register(on: router)

    // The API's description, public like the docs it feeds.
    router.get("openapi.json") { _, _ -> Response in
        Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: try OpenAPIDocument.json.get())))
    }

    let connections = dependencies.sync.map {
        ConnectionController(
            sync: $0, publicURL: dependencies.publicURL, changes: ConnectorChangeRecorder(lineage: dependencies.lineage),
            binding: dependencies.oauthBinding)
    }
    connections?.registerPublic(on: router)

    // Everything else needs a principal.
    let api = router.group()
    api.add(
        middleware: FailedAuthenticationLimitMiddleware(
            redis: dependencies.redis, limitPerMinute: dependencies.failedAuthenticationsPerMinute,
            addresses: dependencies.clientAddresses))
    api.add(middleware: AuthMiddleware(store: dependencies.store, jwt: dependencies.jwt))
    if let redis = dependencies.redis {
        api.add(middleware: RateLimitMiddleware(redis: redis, limitPerMinute: dependencies.rateLimitPerMinute))
    }
    WorkspaceController(store: dependencies.store).register(on: api)
    MemberController(store: dependencies.store).register(on: api)
    if let metrics = dependencies.metrics {
        MetricsController(metrics: metrics).register(on: api)
        AnomalyController(metrics: metrics.client).register(on: api)
    }
    if let copilot = dependencies.copilot {
        CopilotController(copilot: copilot, events: ServerSentEvents(keepAlive: dependencies.sseKeepAlive)).register(on: api)
    }
    if let lineage = dependencies.lineage {
        RootCauseController(lineage: lineage).register(on: api)
        LineageController(lineage: lineage).register(on: api)
    }
    connections?.register(on: api)
    // The same tools for AI assistants, over the Model Context Protocol.
    MCPController(
        tools: MetricxTools(metrics: dependencies.metrics?.client, copilot: dependencies.copilot, lineage: dependencies.lineage),
        publicURL: dependencies.publicURL
    ).register(on: api)
    return router
}

func buildApplication(
    _ dependencies: GatewayDependencies, configuration: GatewayConfiguration, logger: Logger
) -> some ApplicationProtocol {
    Application(
        router: buildRouter(dependencies),
        // #23: a request whose head never finishes held its connection open forever. The idle
        // timer counts from the last complete request part, so trickled header bytes do not
        // reset it, and it never fires while a response (an SSE stream) is being written.
        server: .http1(configuration: .init(idleTimeout: .nanoseconds(Int64(configuration.idleTimeout / .nanoseconds(1))))),
        configuration: .init(
            address: .hostname(configuration.http.host, port: configuration.http.port), serverName: "metricx"),
        logger: logger)
}
