import GRPCCore
import GRPCNIOTransportHTTP2Posix
import Logging
import MetricxRuntime
import ServiceLifecycle

/// The gRPC server of a metricx service (HTTP/2, plaintext inside the cluster, every call but
/// health checks authenticated by the deployment's ``ServiceToken``), run as a `Service`. It always serves `grpc.health.v1.Health` next to the service's own RPCs.
///
/// On graceful shutdown (SIGTERM/SIGINT through the `ServiceGroup`) it reports NOT_SERVING, stops
/// accepting new calls, lets in-flight calls finish for up to `shutdownGrace`, then cancels the rest.
public final class RPCServer: Service, Sendable {
    public struct Configuration: Sendable {
        public var address: HostPort
        /// What callers must present; identity metadata from any other caller is refused.
        public var serviceToken: ServiceToken
        public var shutdownGrace: Duration
        public var maxRequestPayloadSize: Int

        public init(
            address: HostPort, serviceToken: ServiceToken, shutdownGrace: Duration = .seconds(10),
            maxRequestPayloadSize: Int = 64 << 20
        ) {
            self.address = address
            self.serviceToken = serviceToken
            self.shutdownGrace = shutdownGrace
            self.maxRequestPayloadSize = maxRequestPayloadSize
        }
    }

    public let health: HealthStatus
    private let server: GRPCServer<HTTP2ServerTransport.Posix>
    private let configuration: Configuration
    private let logger: Logger
    private let serviceNames: [String]

    public init(
        configuration: Configuration, services: [any RegistrableRPCService], serviceNames: [String],
        health: HealthStatus = HealthStatus(), logger: Logger
    ) {
        self.configuration = configuration
        self.health = health
        self.logger = logger
        self.serviceNames = serviceNames
        let payload = configuration.maxRequestPayloadSize
        let transport = HTTP2ServerTransport.Posix(
            address: .ipv4(host: configuration.address.host, port: configuration.address.port),
            transportSecurity: .plaintext,
            config: .defaults { $0.rpc.maxRequestPayloadSize = payload })
        self.server = GRPCServer(
            transport: transport, services: services + [HealthService(status: health)],
            interceptors: [ServerContextInterceptor(serviceToken: configuration.serviceToken, logger: logger)])
    }

    /// The bound address; useful with port 0 in tests.
    public var listeningPort: Int? {
        get async throws { try await server.listeningAddress?.ipv4?.port }
    }

    public func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await self.server.serve()
            }
            group.addTask {
                if let port = try await self.listeningPort {
                    self.health.set(.serving)
                    for name in self.serviceNames { self.health.set(.serving, for: name) }
                    self.logger.info("gRPC server listening", metadata: ["port": "\(port)"])
                }
                // Returns when the ServiceGroup asks for a graceful shutdown, throws when cancelled.
                try await gracefulShutdown()
                self.health.drain()
                self.logger.info("draining gRPC server", metadata: ["grace": "\(self.configuration.shutdownGrace)"])
                self.server.beginGracefulShutdown()
                try await Task.sleep(for: self.configuration.shutdownGrace)
                self.logger.warning("in-flight calls did not finish within the grace period; cancelling them")
            }
            // Whichever ends first: serve() after draining, or the grace period running out.
            do {
                try await group.next()
            } catch {
                group.cancelAll()
                if error is CancellationError { return }
                throw error
            }
            group.cancelAll()
        }
    }
}
