import ArgumentParser
import MetricxOutbound
import MetricxPostgres
import MetricxProtos
import MetricxRuntime
import MetricxServiceHost
import ServiceLifecycle

/// `SyncSvc [serve | migrate | probe | reencrypt]`.
struct SyncSvcCommand: AsyncParsableCommand, ServiceExecutable {
    static let configuration = CommandConfiguration(
        commandName: ServiceName.sync.displayName,
        abstract: "metricx's connections to ad platforms and shops, and the scheduled syncs that fill the metric store.",
        subcommands: standardCommands + [ReencryptCommand.self], defaultSubcommand: ServeCommand<Self>.self)

    static let service = ServiceName.sync
    static let migrations = SyncMigrations.all

    static func serve(host: ServiceHost) async throws {
        // The outbound policy every external call obeys (AddressPolicy.deployment): checked now.
        _ = try settings { try AddressPolicy(environment: EnvironmentReader()) }
        let configuration = try settings { try SyncConfiguration() }
        let connections = ConnectionStore(postgres: host.postgres)
        let metricsClient = try host.client(to: .metrics)
        let runs = RunStore(postgres: host.postgres)
        let queue = JobQueue(redis: host.redis, config: configuration.queue)
        let enqueuer = JobEnqueuer(queue: queue, runs: runs)
        let runner = SyncRunner(
            connections: connections, runs: runs, cipher: configuration.cipher, connectors: configuration.connectors(),
            apps: configuration.apps,
            sink: MetricsIngestSink(metrics: Metricx_V1_MetricsService.Client(wrapping: metricsClient.grpc)))
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
            rpcServices: [service], serviceNames: [Metricx_V1_SyncService.descriptor.fullyQualifiedService],
            clients: [metricsClient], background: background)
    }
}

/// `SyncSvc reencrypt`: moves every stored token to the active key, after a key rotation.
struct ReencryptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reencrypt",
        abstract: "Re-encrypt every stored credential with the active key (after adding a key to SYNC_ENCRYPTION_KEYS).")

    func run() async throws {
        let host = ServiceHost.start(.sync)
        let configuration = try SyncSvcCommand.settings { try SyncConfiguration() }
        try await host.migrate(SyncMigrations.all)
        let moved = try await ConnectionStore(postgres: host.postgres).reencrypt(with: configuration.cipher)
        print("re-encrypted \(moved) credentials with key \(configuration.cipher.activeKeyID)")
        await host.postgres.shutdown()
    }
}
