import Foundation
import MetricxRuntime

/// SyncSvc's own settings (the common ones are in `ServiceConfiguration`).
///
/// | variable | default | meaning |
/// |---|---|---|
/// | `SYNC_ENCRYPTION_KEYS`, `SYNC_ENCRYPTION_KEY_ID` | (required) | the token keyring, see ``Keyring`` |
/// | `SYNC_WORKERS` | 4 | jobs run at once by this replica |
/// | `SYNC_VISIBILITY_TIMEOUT` | 60s | how long a claimed job stays hidden without a heartbeat |
/// | `SYNC_MAX_ATTEMPTS` | 5 | deliveries before a job goes to the dead-letter list |
/// | `SYNC_RETRY_BASE` | 2s | first retry delay (doubles per attempt, with jitter) |
/// | `SYNC_SCHEDULER` | true | whether this replica takes part in scheduling |
/// | `SYNC_SCHEDULE_TICK` | 30s | how often the scheduler looks for due work |
/// | `SYNC_QUEUE_PREFIX` | `sync:` | prefix of the queue's Redis keys |
/// | `META_API_BASE_URL`, `META_API_VERSION` | graph.facebook.com, v21.0 | Meta Marketing API |
/// | `GOOGLE_ADS_API_BASE_URL`, `GOOGLE_ADS_API_VERSION`, `GOOGLE_ADS_DEVELOPER_TOKEN` | googleads.googleapis.com, v17, — | Google Ads API |
/// | `SHOPIFY_API_BASE_URL`, `SHOPIFY_API_VERSION` | `https://{shop}`, 2024-10 | Shopify Admin API |
/// | `PROVIDER_RETRY_BASE` | 1s | first wait after a throttled or failed provider call |
struct SyncConfiguration: Sendable {
    var cipher: TokenCipher
    var queue: JobQueue.Config
    var worker: SyncWorker.Config
    var scheduler: Scheduler.Config
    var schedulerEnabled: Bool
    var meta: MetaConnector.Config
    var google: GoogleAdsConnector.Config
    var shopify: ShopifyConnector.Config
    var providerHTTP: ProviderHTTP.Config
    var apps: [Provider: OAuthApp]

    init(environment env: EnvironmentReader = EnvironmentReader()) throws {
        self.cipher = try Keyring.cipher(environment: env)
        var queue = JobQueue.Config()
        queue.prefix = env.string("SYNC_QUEUE_PREFIX", default: "sync:")
        queue.visibilityTimeout = try env.duration("SYNC_VISIBILITY_TIMEOUT", default: .seconds(60))
        queue.maxAttempts = try env.int("SYNC_MAX_ATTEMPTS", default: 5, in: 1...50)
        queue.backoff.base = try env.duration("SYNC_RETRY_BASE", default: .seconds(2))
        self.queue = queue
        var worker = SyncWorker.Config()
        worker.concurrency = try env.int("SYNC_WORKERS", default: 4, in: 0...256)
        worker.heartbeat = queue.visibilityTimeout / 4
        worker.reapInterval = min(.seconds(5), queue.visibilityTimeout / 2)
        worker.shutdownGrace = try env.duration("SHUTDOWN_GRACE", default: .seconds(10))
        self.worker = worker
        var scheduler = Scheduler.Config()
        scheduler.tick = try env.duration("SYNC_SCHEDULE_TICK", default: .seconds(30))
        scheduler.leaseTTL = scheduler.tick * 3
        self.scheduler = scheduler
        self.schedulerEnabled = try env.bool("SYNC_SCHEDULER", default: true)
        self.meta = MetaConnector.Config(
            baseURL: env.string("META_API_BASE_URL", default: "https://graph.facebook.com"),
            apiVersion: env.string("META_API_VERSION", default: "v21.0"))
        self.google = GoogleAdsConnector.Config(
            baseURL: env.string("GOOGLE_ADS_API_BASE_URL", default: "https://googleads.googleapis.com"),
            apiVersion: env.string("GOOGLE_ADS_API_VERSION", default: "v17"),
            developerToken: env.string("GOOGLE_ADS_DEVELOPER_TOKEN", default: ""))
        self.shopify = ShopifyConnector.Config(
            baseURL: env.string("SHOPIFY_API_BASE_URL", default: "https://{shop}"),
            apiVersion: env.string("SHOPIFY_API_VERSION", default: "2024-10"))
        var http = ProviderHTTP.Config()
        http.backoff.base = try env.duration("PROVIDER_RETRY_BASE", default: .seconds(1))
        self.providerHTTP = http
        self.apps = OAuthApp.all(environment: env)
    }

    /// The connector of every provider, sharing one HTTP configuration.
    func connectors() -> [Provider: any Connector] {
        let http = ProviderHTTP(config: providerHTTP)
        return [
            .meta: MetaConnector(config: meta, http: http),
            .google: GoogleAdsConnector(config: google, http: http),
            .shopify: ShopifyConnector(config: shopify, http: http),
            .demo: DemoConnector(),
        ]
    }
}
