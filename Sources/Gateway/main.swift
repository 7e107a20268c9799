import Foundation
import Hummingbird
import MetricxRuntime
import MetricxServiceHost

let (command, arguments) = ServiceCommand.parse(service: .gateway)
let host = ServiceHost.start(.gateway)
if command == ServiceCommand.probe.rawValue { exit(await HealthProbe.run(arguments, host: host)) }
let configuration: GatewayConfiguration
do {
    configuration = try GatewayConfiguration()
} catch {
    FileHandle.standardError.write(Data("Gateway: \(error)\n".utf8))
    exit(2)
}
try await host.migrate(GatewayMigrations.all)
if command == ServiceCommand.migrate.rawValue { exit(0) }

let peers: [ServiceName] = [.metrics, .copilot, .lineage, .sync]
let peerClients = try peers.map { try host.client(to: $0) }
var checks: [any DependencyCheck] = [PostgresCheck(client: host.postgres), RedisCheck(client: host.redis)]
for (peer, client) in zip(peers, peerClients) {
    checks.append(GRPCHealthCheck(name: peer.displayName, client: client))
}
let app = buildApplication(
    GatewayDependencies(readinessChecks: checks, readinessTimeout: configuration.readinessTimeout),
    configuration: configuration, logger: host.logger)
try await host.run(rpcServices: [], serviceNames: [], clients: peerClients, background: [app])
