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
/// | `SERVICE_TOKEN` | none (required to serve) | the deployment's shared secret for internal gRPC calls |
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
    /// The deployment's credential for internal calls; `serve` refuses to start without one
    /// (``requireServiceToken()``), commands that serve nothing (`migrate`, `probe`) need none.
    public var serviceToken: ServiceToken?
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
        self.serviceToken = try env.raw(Self.serviceTokenVariable).map {
            guard let token = ServiceToken($0) else {
                throw ConfigurationError(
                    variable: Self.serviceTokenVariable, value: nil,
                    reason: "expected at least \(ServiceToken.minimumLength) printable characters without spaces")
            }
            return token
        }

        var peers: [ServiceName: HostPort] = [:]
        for peer in ServiceName.allCases {
            peers[peer] = try env.hostPort(
                peer.addressVariable, default: HostPort(host: "127.0.0.1", port: peer.defaultGRPCPort))
        }
        self.peers = peers
    }

    public static let serviceTokenVariable = "SERVICE_TOKEN"

    /// The service token, or the error that stops `serve` without one.
    public func requireServiceToken() throws -> ServiceToken {
        guard let serviceToken else {
            throw ConfigurationError(
                variable: Self.serviceTokenVariable, value: nil,
                reason:
                    "required to serve: a random secret shared by the deployment's services, e.g. `openssl rand -hex 32` "
                    + "(make run creates one under .data/)")
        }
        return serviceToken
    }

    /// Where to reach another service over gRPC.
    public func address(of peer: ServiceName) -> HostPort {
        peers[peer] ?? HostPort(host: "127.0.0.1", port: peer.defaultGRPCPort)
    }
}
