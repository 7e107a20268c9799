import ArgumentParser
import MetricxOutbound
import MetricxPostgres
import MetricxProtos
import MetricxRuntime
import MetricxServiceHost

/// `MetricsSvc [serve | migrate | probe]`.
struct MetricsSvcCommand: AsyncParsableCommand, ServiceExecutable {
    static let configuration = CommandConfiguration(
        commandName: ServiceName.metrics.displayName,
        abstract: "metricx's metric store: ingest, the semantic layer, dashboards, anomalies and alerts.",
        subcommands: standardCommands, defaultSubcommand: ServeCommand<Self>.self)

    static let service = ServiceName.metrics
    static let migrations = MetricsMigrations.all

    static func serve(host: ServiceHost) async throws {
        // The outbound policy every external call obeys (AddressPolicy.deployment): checked now.
        _ = try settings { try AddressPolicy(environment: EnvironmentReader()) }
        let lineageClient = try host.client(to: .lineage)
        var service = MetricsService(postgres: host.postgres, cache: ResultCache(redis: host.redis))
        service.customMetrics = CustomMetricCatalog(lineage: Metricx_V1_LineageService.Client(wrapping: lineageClient.grpc))
        try await host.run(
            rpcServices: [MetricsRPCService(service: service)], serviceNames: [Metricx_V1_MetricsService.descriptor.fullyQualifiedService],
            clients: [lineageClient],
            background: [WebhookDispatcher(postgres: host.postgres, client: OutboundHTTPClient(policy: .deployment))]
        )
    }
}
