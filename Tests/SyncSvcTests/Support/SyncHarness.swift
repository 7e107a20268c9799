import Crypto
import Foundation
import GRPCCore
import Logging
import MetricxPostgres
import MetricxProtos
import MetricxRPC
import MetricxRedis
import MetricxRuntime
import MetricxTestSupport

@testable import MetricsSvc
@testable import SyncSvc

/// SyncSvc's parts over the real `sync` (and `metrics`) schemas and Redis, with a queue prefix of
/// their own so tests running side by side never share jobs.
struct SyncHarness {
    let postgres: PostgresClient
    let redis: RedisClient
    let queue: JobQueue
    let cipher: TokenCipher
    var connections: ConnectionStore { ConnectionStore(postgres: postgres) }
    var runs: RunStore { RunStore(postgres: postgres) }
    var enqueuer: JobEnqueuer { JobEnqueuer(queue: queue, runs: runs) }
    let prefix: String

    static let key1 = Data((0..<32).map { UInt8($0) }).base64EncodedString()
    static let key2 = Data((0..<32).map { UInt8(255 - $0) }).base64EncodedString()

    static func make(maxAttempts: Int = 3, visibility: Duration = .seconds(2)) async throws -> SyncHarness {
        let postgres = TestEnvironment.postgresClient()
        let logger = Logger(label: "test")
        try await PostgresMigrator(schema: "sync", migrations: SyncMigrations.all).migrate(postgres, logger: logger)
        try await PostgresMigrator(schema: "metrics", migrations: MetricsMigrations.all).migrate(postgres, logger: logger)
        let redis = TestEnvironment.redisClient()
        let prefix = "\(TestEnvironment.uniqueName("synctest")):"
        var config = JobQueue.Config()
        config.prefix = prefix
        config.maxAttempts = maxAttempts
        config.visibilityTimeout = visibility
        config.backoff = Backoff(base: .milliseconds(20), maximum: .milliseconds(100))
        // Both keys, k1 active: a rotation test moving rows to k2 leaves every other test's tokens readable.
        let cipher = try TokenCipher(
            keys: ["k1": SymmetricKey(data: Data(base64Encoded: key1)!), "k2": SymmetricKey(data: Data(base64Encoded: key2)!)],
            activeKeyID: "k1")
        return SyncHarness(postgres: postgres, redis: redis, queue: JobQueue(redis: redis, config: config), cipher: cipher, prefix: prefix)
    }

    func shutdown() async {
        await postgres.shutdown()
        await redis.shutdown()
    }

    /// A connection in a fresh workspace (or `workspace`), with tokens when given.
    func connection(
        _ provider: Provider, account: String, token: String? = nil, refreshToken: String? = nil, expiresAt: Date? = nil,
        workspace: UUID = UUID(), settings: [String: String] = [:], timezone: String = "UTC"
    ) async throws -> ConnectionRecord {
        let id = UUID()
        let record = ConnectionRecord(
            workspaceID: workspace, id: id, provider: provider, name: "\(provider.rawValue) test", accountRef: account, status: .active,
            settings: settings, timezone: timezone, currency: "USD", createdAt: Date(), lastSuccessAt: nil, lastError: nil, rowsSynced: 0)
        let sealed = try token.map {
            try cipher.seal(
                Credentials(accessToken: $0, refreshToken: refreshToken, expiresAt: expiresAt), workspaceID: workspace, ownerID: id)
        }
        return try await connections.create(record, credentials: sealed)
    }

    /// A runner whose connectors talk to `fakeURL` and whose sink is MetricsSvc over real gRPC.
    func runner(metrics: RPCClient, fakeURL: String = "http://127.0.0.1:1", apps: [Provider: OAuthApp] = [:]) -> SyncRunner {
        var http = ProviderHTTP()
        http.config.backoff = Backoff(base: .milliseconds(10), maximum: .milliseconds(50))
        http.config.attempts = 4
        let connectors: [Provider: any Connector] = [
            .meta: MetaConnector(config: .init(baseURL: fakeURL, apiVersion: "v21.0", pageSize: 2), http: http),
            .google: GoogleAdsConnector(config: .init(baseURL: fakeURL, apiVersion: "v17", developerToken: "dev-token"), http: http),
            .shopify: ShopifyConnector(config: .init(baseURL: fakeURL, apiVersion: "2024-10", pageSize: 2), http: http),
            .demo: DemoConnector(),
        ]
        return SyncRunner(
            connections: connections, runs: runs, cipher: cipher, connectors: connectors, apps: apps,
            sink: MetricsIngestSink(metrics: Metricx_V1_MetricsService.Client(wrapping: metrics.grpc)))
    }

    func worker(_ runner: SyncRunner) -> SyncWorker {
        var config = SyncWorker.Config()
        config.concurrency = 1
        config.pollInterval = .milliseconds(50)
        // As SyncConfiguration does: a lease is extended well before it can expire, however
        // slowly a loaded machine runs the job.
        config.heartbeat = queue.config.visibilityTimeout / 4
        return SyncWorker(queue: queue, runner: runner, config: config)
    }

    /// Claims and runs every due job until the queue has nothing due.
    func drain(_ worker: SyncWorker, limit: Int = 20) async throws {
        for _ in 0..<limit {
            guard let lease = try await queue.claim() else { return }
            await worker.process(lease)
        }
    }

    /// Sums of the measures stored for a workspace.
    func totals(_ workspace: UUID) async throws -> (rows: Int, spend: Double, revenue: Double, purchases: Double) {
        let row = try await postgres.query(
            """
            SELECT count(*)::int, COALESCE(sum(spend), 0)::float8, COALESCE(sum(revenue), 0)::float8, COALESCE(sum(purchases), 0)::float8
            FROM metrics.snapshots WHERE workspace_id = $1
            """, workspace
        ).single()
        return (try row.decode(at: 0), try row.decode(at: 1), try row.decode(at: 2), try row.decode(at: 3))
    }
}

/// MetricsSvc over real gRPC on a loopback port while `body` runs.
func withMetrics<T: Sendable>(_ postgres: PostgresClient, _ body: @escaping @Sendable (RPCClient) async throws -> T) async throws -> T {
    try await LoopbackRPC.with([MetricsRPCService(service: MetricsService(postgres: postgres))], body)
}
