import GRPCCore
import Logging
import MetricxRPC
import MetricxRuntime
import ServiceLifecycle

/// Runs RPC servers and clients in one ServiceGroup on free ports for the duration of a test.
struct RPCHarness {
    static let logger = Logger(label: "rpc-test")
    /// The deployment token of every harness server and, unless a test says otherwise, client.
    static let token = ServiceToken.random()

    /// Starts `server`, waits for its port, runs `body` with it, then shuts everything down.
    static func withServer<T: Sendable>(
        services: [any RegistrableRPCService], port: Int = 0, shutdownGrace: Duration = .seconds(5), health: HealthStatus = HealthStatus(),
        _ body: @Sendable (_ port: Int, _ group: ServiceGroup, _ server: RPCServer) async throws -> T
    ) async throws -> T {
        let server = RPCServer(
            configuration: .init(address: HostPort(host: "127.0.0.1", port: port), serviceToken: token, shutdownGrace: shutdownGrace),
            services: services, serviceNames: ["metricx.v1.WorkspaceService"], health: health, logger: logger)
        let group = ServiceGroup(services: [server], logger: logger)
        return try await withThrowingTaskGroup(of: T?.self) { tasks in
            tasks.addTask {
                try await group.run()
                return nil
            }
            var port: Int?
            while port == nil {
                port = try await server.listeningPort
                if port == nil { try await Task.sleep(for: .milliseconds(10)) }
            }
            let result = try await body(port!, group, server)
            await group.triggerGracefulShutdown()
            for try await _ in tasks {}
            return result
        }
    }

    /// A running client to `port`, shut down when `body` returns. The default deadline is generous:
    /// `make test` starts every suite at once on two cores, and calls that are not about deadlines
    /// took over 5 s there (tests about deadlines set their own).
    static func withClient<T: Sendable>(
        port: Int, timeout: Duration = .seconds(30), idempotent: [MethodDescriptor] = [], token: ServiceToken? = RPCHarness.token,
        _ body: @Sendable (RPCClient) async throws -> T
    ) async throws -> T {
        let client = try RPCClient(
            configuration: .init(
                target: HostPort(host: "127.0.0.1", port: port), timeout: timeout, idempotentMethods: idempotent, serviceToken: token))
        return try await withThrowingTaskGroup(of: T?.self) { tasks in
            tasks.addTask {
                try await client.grpc.runConnections()
                return nil
            }
            defer { client.shutdown() }
            return try await body(client)
        }
    }
}
