/// Settings every service reads at start-up.
///
/// | variable | default | meaning |
/// |---|---|---|
/// | `GRPC_HOST` / `GRPC_PORT` | 127.0.0.1 / per service | where the gRPC server listens |
/// | `ADMIN_HOST` / `ADMIN_PORT` | 127.0.0.1 / per service | Prometheus metrics and liveness |
/// | `DATABASE_URL` | the `make run` cluster, as this service's role | Postgres |
/// | `DATABASE_POOL_SIZE` | 8 | connections in the pool |
/// | `DATABASE_POOL_TIMEOUT` | 5s | wait for a free connection before failing |
/// | `REDIS_URL` | `redis://127.0.0.1:56379/0` | Redis |
/// | `REDIS_POOL_SIZE` | 8 | connections in the pool |
/// | `RPC_TIMEOUT` | 10s | default deadline of outgoing calls |
/// | `SHUTDOWN_GRACE` | 10s | how long in-flight calls may finish after SIGTERM |
/// | `<NAME>_SVC_ADDR` | 127.0.0.1:<port> | a peer's gRPC address, e.g. `METRICS_SVC_ADDR` |
/// | `LOG_LEVEL` / `LOG_FORMAT` | info / text | `json` writes one JSON object per line |
public struct ServiceConfiguration: Sendable {
    public var service: ServiceName
    public var grpc: HostPort
    public var admin: HostPort
    public var databaseURL: String
    public var databasePoolSize: Int
    public var databasePoolTimeout: Duration
    public var redisURL: String
    public var redisPoolSize: Int
    public var rpcTimeout: Duration
    public var shutdownGrace: Duration
    public var logging: LoggingConfiguration
    private var peers: [ServiceName: HostPort]

    /// The default Postgres and Redis that `make run` starts under `.data/`.
    public static let defaultPostgresPort = 55432
    public static let defaultRedisPort = 56379

    public init(service: ServiceName, environment env: EnvironmentReader = EnvironmentReader()) throws {
        self.service = service
        let grpcHost = env.string("GRPC_HOST", default: "127.0.0.1")
        self.grpc = HostPort(host: grpcHost, port: try env.port("GRPC_PORT", default: service.defaultGRPCPort))
        let adminHost = env.string("ADMIN_HOST", default: "127.0.0.1")
        self.admin = HostPort(host: adminHost, port: try env.port("ADMIN_PORT", default: service.defaultAdminPort))

        let defaultDatabase =
            "postgresql://\(service.databaseRole)@127.0.0.1:\(Self.defaultPostgresPort)/metricx"
        self.databaseURL = try env.url(
            "DATABASE_URL", default: defaultDatabase, schemes: ["postgres", "postgresql"]
        ).absoluteString
        self.databasePoolSize = try env.int("DATABASE_POOL_SIZE", default: 8, in: 1...256)
        self.databasePoolTimeout = try env.duration("DATABASE_POOL_TIMEOUT", default: .seconds(5))
        self.redisURL = try env.url(
            "REDIS_URL", default: "redis://127.0.0.1:\(Self.defaultRedisPort)/0", schemes: ["redis"]
        ).absoluteString
        self.redisPoolSize = try env.int("REDIS_POOL_SIZE", default: 8, in: 1...256)
        self.rpcTimeout = try env.duration("RPC_TIMEOUT", default: .seconds(10))
        self.shutdownGrace = try env.duration("SHUTDOWN_GRACE", default: .seconds(10))
        self.logging = try LoggingConfiguration(environment: env)

        var peers: [ServiceName: HostPort] = [:]
        for peer in ServiceName.allCases {
            peers[peer] = try env.hostPort(
                peer.addressVariable, default: HostPort(host: "127.0.0.1", port: peer.defaultGRPCPort))
        }
        self.peers = peers
    }

    /// Where to reach another service over gRPC.
    public func address(of peer: ServiceName) -> HostPort {
        peers[peer] ?? HostPort(host: "127.0.0.1", port: peer.defaultGRPCPort)
    }
}
