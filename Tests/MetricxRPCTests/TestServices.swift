import Foundation
import GRPCCore
import MetricxProtos
import MetricxRPC
import MetricxRuntime

/// A small service for the tests, on a real proto: `GetWorkspace` echoes what the server saw of
/// the request context, or misbehaves on purpose depending on the id.
struct EchoWorkspaceService: Metricx_V1_WorkspaceService.SimpleServiceProtocol {
    static let clientText = "Pp\u{0}EP\u{3FC2C} 100% ü\r\n"
    func getWorkspace(request: Metricx_V1_GetWorkspaceRequest, context: ServerContext) async throws -> Metricx_V1_Workspace {
        switch request.id {
        case "slow":
            // Cooperates with deadlines and shutdown through the RPC's cancellation handle.
            try await Self.sleepUnlessCancelled(context: context, for: .seconds(30))
        case "work":
            try await Task.sleep(for: .milliseconds(600))
        case "missing":
            throw ServiceError.notFound("workspace missing does not exist")
        case "bad-field":
            throw ServiceError.invalidArgument("must be a UUID", field: "id")
        case "bad-client-text":
            // A field that is the client's own text: a CSV column of anything.
            throw ServiceError.invalidArgument("unknown column", field: Self.clientText)
        case "boom":
            struct Secret: Error { let password = "hunter2" }
            throw Secret()
        default:
            break
        }
        if request.id == "large" {
            // Past gRPC's default 4 MiB message limit, within ours.
            return .with { $0.name = String(repeating: "x", count: 5 << 20) }
        }
        let current = RequestContext.current
        return .with {
            $0.id = current?.workspaceID ?? ""
            $0.name = current?.requestID ?? ""
            $0.createdAt = current?.principal ?? ""
        }
    }

    func createWorkspace(request: Metricx_V1_CreateWorkspaceRequest, context: ServerContext) async throws
        -> Metricx_V1_CreateWorkspaceResponse
    {
        throw RPCError(code: .unimplemented, message: "not in tests")
    }

    static func sleepUnlessCancelled(context: ServerContext, for duration: Duration) async throws {
        let deadline = ContinuousClock.now + duration
        while ContinuousClock.now < deadline {
            if context.cancellation.isCancelled { throw RPCError(code: .cancelled, message: "cancelled") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

/// Forwards `GetWorkspace` to another server: the first hop of a two-service call.
struct RelayWorkspaceService: Metricx_V1_WorkspaceService.SimpleServiceProtocol {
    let downstream: RPCClient

    func getWorkspace(request: Metricx_V1_GetWorkspaceRequest, context: ServerContext) async throws -> Metricx_V1_Workspace {
        try await Metricx_V1_WorkspaceService.Client(wrapping: downstream.grpc).getWorkspace(request)
    }

    func createWorkspace(request: Metricx_V1_CreateWorkspaceRequest, context: ServerContext) async throws
        -> Metricx_V1_CreateWorkspaceResponse
    {
        throw RPCError(code: .unimplemented, message: "not in tests")
    }
}
