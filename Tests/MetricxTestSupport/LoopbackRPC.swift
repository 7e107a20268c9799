import GRPCCore
import Logging
import MetricxRPC
import MetricxRuntime
import ServiceLifecycle

/// Serves `services` over real HTTP/2 gRPC on a free loopback port for the duration of `body`,
/// which gets a connected client.
public enum LoopbackRPC {
    public static func with<T: Sendable>(_ services: [any RegistrableRPCService], _ body: @Sendable (RPCClient) async throws -> T)
        async throws -> T
    {
        let token = TestEnvironment.serviceToken
        let server = RPCServer(
            configuration: .init(address: HostPort(host: "127.0.0.1", port: 0), serviceToken: token), services: services,
            serviceNames: [],
            logger: Logger(label: "test"))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            let lifecycle = ServiceGroup(services: [server], logger: Logger(label: "test"))
            group.addTask { try await lifecycle.run() }
            var port: Int?
            while port == nil {
                port = try await server.listeningPort
                if port == nil { try await Task.sleep(for: .milliseconds(10)) }
            }
            // A deadline generous enough for a loaded CI machine: a test asserts behaviour, not speed.
            let client = try RPCClient(
                configuration: .init(target: HostPort(host: "127.0.0.1", port: port!), timeout: .seconds(30), serviceToken: token))
            group.addTask { try await client.grpc.runConnections() }
            do {
                let result = try await body(client)
                client.shutdown()
                await lifecycle.triggerGracefulShutdown()
                try await group.waitForAll()
                return result
            } catch {
                client.shutdown()
                await lifecycle.triggerGracefulShutdown()
                try? await group.waitForAll()
                throw error
            }
        }
    }
}
