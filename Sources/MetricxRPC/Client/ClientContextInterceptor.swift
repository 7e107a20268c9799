import GRPCCore
import MetricxRuntime

/// Carries ``RequestContext/current`` into every outgoing call's metadata, so that a request id,
/// workspace and principal set at the gateway reach every service a request touches; presents
/// the deployment's ``ServiceToken``, without which servers ignore that identity; and records
/// client-side metrics.
public struct ClientContextInterceptor: ClientInterceptor {
    private let metrics = RPCMetrics(side: "client")
    private let serviceToken: ServiceToken?

    /// Without a token only `grpc.health.v1.Health` answers (what `probe` asks).
    public init(serviceToken: ServiceToken?) {
        self.serviceToken = serviceToken
    }

    public func intercept<Input: Sendable, Output: Sendable>(
        request: StreamingClientRequest<Input>,
        context: ClientContext,
        next: (StreamingClientRequest<Input>, ClientContext) async throws -> StreamingClientResponse<Output>
    ) async throws -> StreamingClientResponse<Output> {
        var request = request
        if let serviceToken {
            request.metadata.replaceOrAddString(serviceToken.metadataValue, forKey: ServiceToken.metadataKey)
        }
        if let current = RequestContext.current {
            request.metadata.replaceOrAddString(current.requestID, forKey: RequestContext.Key.requestID)
            if let workspace = current.workspaceID {
                request.metadata.replaceOrAddString(workspace, forKey: RequestContext.Key.workspaceID)
            }
            if let principal = current.principal {
                request.metadata.replaceOrAddString(principal, forKey: RequestContext.Key.principal)
            }
            if let role = current.role {
                request.metadata.replaceOrAddString(role, forKey: RequestContext.Key.role)
            }
        }
        let started = ContinuousClock.now
        let method = context.descriptor.fullyQualifiedMethod
        do {
            let response = try await next(request, context)
            if case .failure(let error) = response.accepted {
                metrics.record(method: method, code: "\(error.code)", duration: .now - started)
            } else {
                metrics.record(method: method, code: nil, duration: ContinuousClock.now - started)
            }
            return response
        } catch let error as RPCError {
            metrics.record(method: method, code: "\(error.code)", duration: ContinuousClock.now - started)
            throw error
        }
    }
}
