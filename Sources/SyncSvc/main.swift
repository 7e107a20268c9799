import Foundation
import MetricxRuntime
import MetricxServiceHost

let (command, arguments) = ServiceCommand.parse(service: .sync)
let host = ServiceHost.start(.sync)
if command == ServiceCommand.probe.rawValue { exit(await HealthProbe.run(arguments, host: host)) }
try await host.migrate(SyncMigrations.all)
if command == ServiceCommand.migrate.rawValue { exit(0) }

try await host.run(rpcServices: [], serviceNames: [])
