import Foundation
import MetricxRuntime
import MetricxServiceHost

let (command, arguments) = ServiceCommand.parse(service: .lineage)
let host = ServiceHost.start(.lineage)
if command == ServiceCommand.probe.rawValue { exit(await HealthProbe.run(arguments, host: host)) }
try await host.migrate(LineageMigrations.all)
if command == ServiceCommand.migrate.rawValue { exit(0) }

try await host.run(
    rpcServices: [LineageService(localization: Localization())], serviceNames: ["metricx.v1.LineageService"])
