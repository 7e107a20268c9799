import Foundation
import MetricxProtos
import MetricxRuntime
import MetricxServiceHost

let (command, arguments) = ServiceCommand.parse(service: .metrics)
let host = ServiceHost.start(.metrics)
if command == ServiceCommand.probe.rawValue { exit(await HealthProbe.run(arguments, host: host)) }
try await host.migrate(MetricsMigrations.all)
if command == ServiceCommand.migrate.rawValue { exit(0) }

let lineageClient = try host.client(to: .lineage)
var service = MetricsService(postgres: host.postgres, cache: ResultCache(redis: host.redis))
service.customMetrics = CustomMetricCatalog(lineage: Metricx_V1_LineageService.Client(wrapping: lineageClient.grpc))
try await host.run(
    rpcServices: [MetricsRPCService(service: service)], serviceNames: ["metricx.v1.MetricsService"],
    clients: [lineageClient], background: [WebhookDispatcher(postgres: host.postgres)])
