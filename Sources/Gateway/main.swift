import Foundation
import GRPCCore
import Hummingbird
import MetricxProtos
import MetricxRuntime
import MetricxServiceHost

let (command, arguments) = ServiceCommand.parse(service: .gateway, extra: ["create-workspace"])
// Every request is I/O plus a little encoding: waking a second thread pool for each step of it
// cost about a tenth of the gateway's CPU (make bench, 2 cores).
let host = ServiceHost.start(.gateway, tasksOnEventLoops: true)
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

let store = PostgresWorkspaceStore(client: host.postgres)
if command == "create-workspace" {
    do {
        let options = try CreateWorkspaceCommand.parse(arguments)
        for line in try await CreateWorkspaceCommand.run(options, store: store) { print(line) }
        await host.postgres.shutdown()
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("Gateway create-workspace: \(error)\n\(CreateWorkspaceCommand.usage)\n".utf8))
        exit(2)
    }
}

let peers: [ServiceName] = [.metrics, .copilot, .lineage, .sync]
// Reads may be retried when a replica is briefly unavailable; writes and streams are not.
let idempotent: [ServiceName: [MethodDescriptor]] = [
    .metrics: [
        Metricx_V1_MetricsService.Method.Query.descriptor, Metricx_V1_MetricsService.Method.GetDashboard.descriptor,
        Metricx_V1_MetricsService.Method.GetInsights.descriptor, Metricx_V1_MetricsService.Method.ListEntities.descriptor,
    ],
    .copilot: [
        Metricx_V1_CopilotService.Method.ListConversations.descriptor,
        Metricx_V1_CopilotService.Method.GetConversation.descriptor,
        Metricx_V1_CopilotService.Method.Replay.descriptor,
    ],
    .sync: [
        Metricx_V1_SyncService.Method.GetConnection.descriptor, Metricx_V1_SyncService.Method.ListConnections.descriptor,
        Metricx_V1_SyncService.Method.ListSyncRuns.descriptor,
    ],
]
let peerClients = try peers.map { try host.client(to: $0, idempotentMethods: idempotent[$0] ?? []) }
var checks: [any DependencyCheck] = [PostgresCheck(client: host.postgres), RedisCheck(client: host.redis)]
for (peer, client) in zip(peers, peerClients) {
    checks.append(GRPCHealthCheck(name: peer.displayName, client: client))
}
let dependencies = GatewayDependencies(
    store: CachingWorkspaceStore(store),
    metrics: MetricsPeer(peerClients[0].grpc),
    copilot: Metricx_V1_CopilotService.Client(wrapping: peerClients[1].grpc),
    sync: Metricx_V1_SyncService.Client(wrapping: peerClients[3].grpc),
    lineage: Metricx_V1_LineageService.Client(wrapping: peerClients[2].grpc),
    publicURL: configuration.publicURL,
    jwt: configuration.jwt.map { JWTVerifier(settings: $0, redis: host.redis, logger: host.logger) },
    redis: host.redis, readinessChecks: checks, readinessTimeout: configuration.readinessTimeout,
    rateLimitPerMinute: configuration.rateLimitPerMinute, corsOrigins: configuration.corsOrigins,
    web: WebAppController.load(config: configuration.webAppConfig, logger: host.logger))
let app = buildApplication(dependencies, configuration: configuration, logger: host.logger)
try await host.run(rpcServices: [], serviceNames: [], clients: peerClients, background: [app])
