import Foundation
import MetricxProtos
import MetricxRuntime
import MetricxServiceHost

let (command, arguments) = ServiceCommand.parse(service: .lineage)
let host = ServiceHost.start(.lineage)
if command == ServiceCommand.probe.rawValue { exit(await HealthProbe.run(arguments, host: host)) }
try await host.migrate(LineageMigrations.all)
if command == ServiceCommand.migrate.rawValue { exit(0) }

let metricsClient = try host.client(to: .metrics)
let service = LineageService(postgres: host.postgres, metrics: Metricx_V1_MetricsService.Client(wrapping: metricsClient.grpc))
try await host.run(rpcServices: [service], serviceNames: ["metricx.v1.LineageService"], clients: [metricsClient])
