import GRPCCore
import MetricxProtos

/// `grpc.health.v1.Health`, answered from a ``HealthStatus``: what Kubernetes gRPC probes,
/// `grpc_health_probe` and the other metricx services ask.
public struct HealthService: Grpc_Health_V1_Health.SimpleServiceProtocol {
    public let status: HealthStatus

    public init(status: HealthStatus) {
        self.status = status
    }

    public func check(
        request: Grpc_Health_V1_HealthCheckRequest, context: ServerContext
    ) async throws -> Grpc_Health_V1_HealthCheckResponse {
        guard let current = status.status(of: request.service) else {
            throw RPCError(code: .notFound, message: "unknown service \(request.service)")
        }
        return .with { $0.status = current }
    }

    public func watch(
        request: Grpc_Health_V1_HealthCheckRequest,
        response: RPCWriter<Grpc_Health_V1_HealthCheckResponse>,
        context: ServerContext
    ) async throws {
        let (updates, finish) = status.updates(of: request.service)
        try await withRPCCancellationHandler {
            for await update in updates {
                try await response.write(.with { $0.status = update })
            }
        } onCancelRPC: {
            // The handler's task is not cancelled with the RPC: end the stream explicitly when the
            // client goes away or the server stops.
            finish()
        }
    }
}
