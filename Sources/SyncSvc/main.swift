import Foundation
import MetricxProtos
import MetricxRuntime
import MetricxServiceHost
import ServiceLifecycle

let (command, arguments) = ServiceCommand.parse(service: .sync, extra: ["reencrypt"])
let host = ServiceHost.start(.sync)
if command == ServiceCommand.probe.rawValue { exit(await HealthProbe.run(arguments, host: host)) }
let configuration: SyncConfiguration
do {
    configuration = try SyncConfiguration()
} catch {
    FileHandle.standardError.write(Data("SyncSvc: \(error)\n".utf8))
    exit(2)
}
try await host.migrate(SyncMigrations.all)
if command == ServiceCommand.migrate.rawValue { exit(0) }

let connections = ConnectionStore(postgres: host.postgres)
if command == "reencrypt" {
    // `SyncSvc reencrypt`: moves every stored token to the active key (after a rotation).
    let moved = try await connections.reencrypt(with: configuration.cipher)
    print("re-encrypted \(moved) credentials with key \(configuration.cipher.activeKeyID)")
    await host.postgres.shutdown()
    exit(0)
}

let metricsClient = try host.client(to: .metrics)
let runs = RunStore(postgres: host.postgres)
let queue = JobQueue(redis: host.redis, config: configuration.queue)
let enqueuer = JobEnqueuer(queue: queue, runs: runs)
let runner = SyncRunner(
    connections: connections, runs: runs, cipher: configuration.cipher, connectors: configuration.connectors(),
    apps: configuration.apps, sink: MetricsIngestSink(metrics: Metricx_V1_MetricsService.Client(wrapping: metricsClient.grpc)))
let service = SyncService(
    connections: connections, runs: runs, enqueuer: enqueuer, cipher: configuration.cipher,
    oauth: OAuthFlow(postgres: host.postgres, cipher: configuration.cipher, apps: configuration.apps),
    schedule: configuration.scheduler.schedule)

var background: [any Service] = []
if configuration.worker.concurrency > 0 {
    background.append(SyncWorker(queue: queue, runner: runner, config: configuration.worker))
}
if configuration.schedulerEnabled {
    background.append(Scheduler(queue: queue, enqueuer: enqueuer, connections: connections, config: configuration.scheduler))
}
try await host.run(
    rpcServices: [service], serviceNames: ["metricx.v1.SyncService"], clients: [metricsClient], background: background)
