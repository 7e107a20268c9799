import GRPCCore
import GRPCNIOTransportHTTP2Posix
import ServiceLifecycle

/// A gRPC client to one peer service over HTTP/2, run as a `Service` (its connections live as
/// long as the process's `ServiceGroup`). Wrap ``grpc`` in a generated client, e.g.
/// `Metricx_V1_MetricsService.Client(wrapping: client.grpc)`.
public final class RPCClient: Service, Sendable {
    public let grpc: GRPCClient<HTTP2ClientTransport.Posix>
    public let configuration: RPCClientConfiguration

    public init(configuration: RPCClientConfiguration) throws {
        self.configuration = configuration
        let transport = try HTTP2ClientTransport.Posix(
            target: .dns(host: configuration.target.host, port: configuration.target.port),
            transportSecurity: .plaintext,
            config: .defaults { $0.backoff = Self.reconnectBackoff },
            serviceConfig: configuration.serviceConfig)
        self.grpc = GRPCClient(transport: transport, interceptors: [ClientContextInterceptor(serviceToken: configuration.serviceToken)])
    }

    /// How soon a lost connection is tried again. gRPC's default grows to two minutes, and calls
    /// fail at once while it waits: a peer that restarted (a deploy, or `make run` starting every
    /// service at once) was back within seconds, yet its callers answered `unavailable` for minutes.
    static let reconnectBackoff = HTTP2ClientTransport.Config.Backoff(
        initial: .milliseconds(100), max: .seconds(2), multiplier: 1.6, jitter: 0.2)

    public func run() async throws {
        try await withGracefulShutdownHandler {
            try await grpc.runConnections()
        } onGracefulShutdown: {
            self.grpc.beginGracefulShutdown()
        }
    }

    /// Stops the client outside a ServiceGroup (tests, one-shot commands).
    public func shutdown() {
        grpc.beginGracefulShutdown()
    }
}
