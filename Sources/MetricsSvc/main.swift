import Foundation
import MetricxRuntime
import MetricxServiceHost

let (command, arguments) = ServiceCommand.parse(service: .metrics)
let host = ServiceHost.start(.metrics)
if command == ServiceCommand.probe.rawValue { exit(await HealthProbe.run(arguments, host: host)) }
try await host.migrate(MetricsMigrations.all)
if command == ServiceCommand.migrate.rawValue { exit(0) }

try await host.run(
    rpcServices: [MetricsService(postgres: host.postgres, cache: ResultCache(redis: host.redis))],
    serviceNames: ["metricx.v1.MetricsService"],
    background: [WebhookDispatcher(postgres: host.postgres)])
