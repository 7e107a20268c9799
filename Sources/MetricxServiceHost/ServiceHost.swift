import Foundation
import GRPCCore
import Logging
import MetricxPostgres
import MetricxRPC
import MetricxRedis
import MetricxRuntime
import NIOCore
import NIOPosix
import Prometheus
import ServiceLifecycle

/// Wires the parts every metricx service has: configuration from the environment, logging and
/// metrics, the Postgres and Redis clients, schema migrations, peer clients, the gRPC server with
/// health, and the admin port — all run by one `ServiceGroup` that owns SIGTERM/SIGINT.
///
/// A service's ``ServiceExecutable/serve(host:)`` adds its RPC implementations and calls
/// ``run(rpcServices:serviceNames:clients:background:)``.
public final class ServiceHost: Sendable {
    public let configuration: ServiceConfiguration
    public let logger: Logger
    public let postgres: PostgresClient
    public let redis: RedisClient
    public let health: HealthStatus
    private let registry: PrometheusCollectorRegistry

    /// Makes Swift concurrency run its tasks on NIO's event loops instead of its own pool: an
    /// async handler resumed by I/O continues on the thread that did the I/O rather than waking
    /// another one. Only for a service whose tasks never block or compute for long (the gateway:
    /// each request is I/O and a little encoding), since a busy task delays every connection on
    /// its loop. Call it first thing in `main`, on the main thread, before anything is awaited.
    public static func runTasksOnEventLoops() {
        _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }

    /// Reads the configuration and bootstraps logging and metrics. A bad setting ends the process
    /// with exit status 2 and a message that names the variable.
    public static func start(_ service: ServiceName, environment: EnvironmentReader = EnvironmentReader()) -> ServiceHost {
        do {
            let configuration = try ServiceConfiguration(service: service, environment: environment)
            let registry = Observability.bootstrap(configuration.logging)
            return ServiceHost(configuration: configuration, registry: registry)
        } catch {
            FileHandle.standardError.write(Data("\(service.displayName): \(error)\n".utf8))
            exit(2)
        }
    }

    init(configuration: ServiceConfiguration, registry: PrometheusCollectorRegistry) {
        self.configuration = configuration
        self.registry = registry
        self.logger = Logger(label: configuration.service.displayName)
        self.health = HealthStatus()
        self.postgres = PostgresClient(
            configuration: PostgresConfiguration(
                connectionString: configuration.databaseURL,
                maximumConnections: configuration.databasePoolSize,
                acquireTimeout: configuration.databasePoolTimeout,
                applicationName: configuration.service.displayName),
            logger: Logger(label: "\(configuration.service.displayName).postgres"))
        var redisConfiguration =
            RedisConfiguration(url: configuration.redisURL, maximumConnections: configuration.redisPoolSize)
            ?? RedisConfiguration()
        redisConfiguration.maximumConnections = configuration.redisPoolSize
        self.redis = RedisClient(
            configuration: redisConfiguration, logger: Logger(label: "\(configuration.service.displayName).redis"))
    }

    /// Applies the service's migrations to its schema, waiting up to `patience` for Postgres to
    /// come up (replicas and the database often start together).
    public func migrate(_ migrations: [Migration], patience: Duration = .seconds(30)) async throws {
        let migrator = PostgresMigrator(schema: configuration.service.schema, migrations: migrations)
        let deadline = ContinuousClock.now + patience
        while true {
            do {
                let applied = try await migrator.migrate(postgres, logger: logger)
                logger.info("schema up to date", metadata: ["schema": "\(migrator.schema)", "applied": "\(applied)"])
                return
            } catch let error as PostgresError where error.code == .connectionFailed && ContinuousClock.now < deadline {
                logger.warning("waiting for Postgres", metadata: ["error": "\(error)"])
                try await Task.sleep(for: .seconds(1))
            }
        }
    }

    /// A client to a peer service, with this service's default deadline.
    public func client(to peer: ServiceName, idempotentMethods: [MethodDescriptor] = []) throws -> RPCClient {
        try RPCClient(
            configuration: RPCClientConfiguration(
                target: configuration.address(of: peer), timeout: configuration.rpcTimeout,
                idempotentMethods: idempotentMethods, serviceToken: try configuration.requireServiceToken()))
    }

    /// What a graceful shutdown may take beyond the servers' drain, and a cancellation after it.
    static let shutdownMargin: Duration = .seconds(4)

    /// Runs everything until SIGTERM/SIGINT, then shuts down in reverse order: the servers drain
    /// first, the clients and pools close last.
    public func run(
        rpcServices: [any RegistrableRPCService], serviceNames: [String],
        clients: [RPCClient] = [], background: [any Service] = []
    ) async throws {
        let server = RPCServer(
            configuration: .init(
                address: configuration.grpc, serviceToken: try configuration.requireServiceToken(),
                shutdownGrace: configuration.shutdownGrace),
            services: rpcServices, serviceNames: serviceNames, health: health, logger: logger)
        let admin = AdminServer(address: configuration.admin, registry: registry, health: health, logger: logger)
        let services: [any Service] = [postgres, redis] + clients + background + [admin, server]
        var group = ServiceGroupConfiguration(
            services: services.map { .init(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint],
            cancellationSignals: [],
            logger: logger)
        // The servers drain for up to the grace; the loops, clients and pools then need moments.
        // Past this bound whatever still runs is cancelled, so a SIGTERM always ends the process
        // before the stop script's (20 s) or Kubernetes' (30 s) patience runs out.
        group.maximumGracefulShutdownDuration = configuration.shutdownGrace + Self.shutdownMargin
        group.maximumCancellationDuration = Self.shutdownMargin
        logger.info("starting", metadata: ["grpc": "\(configuration.grpc)", "admin": "\(configuration.admin)"])
        try await ServiceGroup(configuration: group).run()
        logger.info("stopped")
    }
}
