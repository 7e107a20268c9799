import ArgumentParser
import MetricxPostgres
import MetricxProtos
import MetricxRuntime
import MetricxServiceHost

/// `LineageSvc [serve | migrate | probe]`.
struct LineageSvcCommand: AsyncParsableCommand, ServiceExecutable {
    static let configuration = CommandConfiguration(
        commandName: ServiceName.lineage.displayName,
        abstract: "metricx's metric definitions, their lineage graph, change impact and root-cause analysis.",
        subcommands: standardCommands, defaultSubcommand: ServeCommand<Self>.self)

    static let service = ServiceName.lineage
    static let migrations = LineageMigrations.all

    static func serve(host: ServiceHost) async throws {
        let metricsClient = try host.client(to: .metrics)
        let service = LineageService(postgres: host.postgres, metrics: Metricx_V1_MetricsService.Client(wrapping: metricsClient.grpc))
        try await host.run(
            rpcServices: [service], serviceNames: [Metricx_V1_LineageService.descriptor.fullyQualifiedService],
            clients: [metricsClient])
    }
}
