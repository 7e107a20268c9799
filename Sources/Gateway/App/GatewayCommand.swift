import ArgumentParser
import MetricxOutbound
import MetricxPostgres
import MetricxProtos
import MetricxRuntime
import MetricxServiceHost

/// `Gateway [serve | migrate | probe | create-workspace]`.
struct GatewayCommand: AsyncParsableCommand, ServiceExecutable {
    static let configuration = CommandConfiguration(
        commandName: ServiceName.gateway.displayName,
        abstract: "metricx's public HTTP API, web app and MCP endpoint, in front of the internal services.",
        subcommands: standardCommands + [CreateWorkspaceCommand.self],
        defaultSubcommand: ServeCommand<Self>.self)

    static let service = ServiceName.gateway
    static let migrations = GatewayMigrations.all

    static func serve(host: ServiceHost) async throws {
        // The outbound policy every external call obeys (AddressPolicy.deployment): checked now.
        _ = try settings { try AddressPolicy(environment: EnvironmentReader()) }
        let configuration = try settings { try GatewayConfiguration() }
        // A release without its API description is broken: say so now, not on the first request.
        _ = try OpenAPIDocument.json.get()
        let peers = try GatewayPeers(host: host)
        let store = PostgresWorkspaceStore(client: host.postgres)
        let dependencies = GatewayDependencies(
            store: CachingWorkspaceStore(store),
            metrics: MetricsPeer(peers.metrics.grpc),
            copilot: Metricx_V1_CopilotService.Client(wrapping: peers.copilot.grpc),
            sync: Metricx_V1_SyncService.Client(wrapping: peers.sync.grpc),
            lineage: Metricx_V1_LineageService.Client(wrapping: peers.lineage.grpc),
            publicURL: configuration.publicURL,
            oauthBinding: OAuthBrowserBinding(
                serviceToken: try host.configuration.requireServiceToken(), publicURL: configuration.publicURL),
            jwt: configuration.jwt.map { JWTVerifier(settings: $0, redis: host.redis, logger: host.logger) },
            redis: host.redis,
            readinessChecks: [PostgresCheck(client: host.postgres), RedisCheck(client: host.redis)] + peers.healthChecks,
            readinessTimeout: configuration.readinessTimeout,
            rateLimitPerMinute: configuration.rateLimitPerMinute,
            failedAuthenticationsPerMinute: configuration.failedAuthenticationsPerMinute,
            clientAddresses: ClientAddressResolver(trustedProxyHops: configuration.trustedProxyHops),
            corsOrigins: configuration.corsOrigins,
            web: WebAppController.load(config: configuration.webAppConfig, logger: host.logger))
        let app = buildApplication(dependencies, configuration: configuration, logger: host.logger)
        try await host.run(rpcServices: [], serviceNames: [], clients: peers.all, background: [app])
    }
}
