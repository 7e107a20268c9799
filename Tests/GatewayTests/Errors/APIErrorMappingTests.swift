import GRPCCore
import Hummingbird
import MetricxProtos
import MetricxRPC
import MetricxRuntime
import MetricxTestSupport
import Testing

@testable import Gateway

/// One path from an error to a client: a ``ServiceError`` answers the same whether the gateway
/// raised it or a service did and it crossed gRPC.
struct APIErrorMappingTests {
    /// Every service error code, with the HTTP status and JSON code a client sees for it.
    static let serviceCodes: [(ServiceError.Code, HTTPResponse.Status, String)] = [
        (.invalidArgument, .unprocessableContent, "invalid_argument"),
        (.notFound, .notFound, "not_found"),
        (.alreadyExists, .conflict, "already_exists"),
        (.failedPrecondition, .conflict, "failed_precondition"),
        (.aborted, .conflict, "aborted"),
        (.permissionDenied, .forbidden, "permission_denied"),
        (.unauthenticated, .unauthorized, "unauthenticated"),
        (.resourceExhausted, .tooManyRequests, "resource_exhausted"),
        (.unavailable, .serviceUnavailable, "unavailable"),
        (.deadlineExceeded, .serviceUnavailable, "deadline_exceeded"),
        (.internalError, .internalServerError, "internal"),
    ]

    /// Throws the service error whose code the request's id names, with a field.
    struct FailingService: Metricx_V1_WorkspaceService.SimpleServiceProtocol {
        func getWorkspace(request: Metricx_V1_GetWorkspaceRequest, context: ServerContext) async throws -> Metricx_V1_Workspace {
            let code = APIErrorMappingTests.serviceCodes.first { "\($0.0)" == request.id }!.0
            throw ServiceError(code, "it went wrong: \(request.id)", field: "id")
        }

        func createWorkspace(request: Metricx_V1_CreateWorkspaceRequest, context: ServerContext) async throws
            -> Metricx_V1_CreateWorkspaceResponse
        {
            throw RPCError(code: .unimplemented, message: "not in tests")
        }
    }

    @Test func aServiceErrorAnswersTheSameRaisedHereOrInAService() async throws {
        try await LoopbackRPC.with([FailingService()]) { rpc in
            let client = Metricx_V1_WorkspaceService.Client(wrapping: rpc.grpc)
            for (code, status, name) in Self.serviceCodes {
                let local = try #require(APIError.from(ServiceError(code, "it went wrong: \(code)", field: "id")))
                var remote: APIError?
                do {
                    _ = try await client.getWorkspace(.with { $0.id = "\(code)" })
                } catch {
                    remote = APIError.from(error)
                }
                let crossed = try #require(remote, "\(code) did not fail")
                #expect(local.status == status, "\(code)")
                #expect(local.code == name, "\(code)")
                #expect(crossed.status == local.status, "\(code)")
                #expect(crossed.code == local.code, "\(code)")
                #expect(crossed.message == local.message, "\(code)")
                #expect(crossed.field == local.field, "\(code)")
                // An internal error's text stays in the logs; an outage gets the retry advice.
                switch code {
                case .internalError: #expect(local.message == "internal error")
                case .unavailable, .deadlineExceeded:
                    #expect(local.message.hasSuffix("try again shortly"), "\(code)")
                    // A busy service (a full CPU queue) or a lost replica: the client is told when.
                    #expect(local.headers[.retryAfter] == "2", "\(code)")
                    #expect(crossed.headers[.retryAfter] == "2", "\(code)")
                default: #expect(local.message.hasPrefix("it went wrong"), "\(code)")
                }
            }
        }
    }

    @Test func everyGRPCStatusHasAnAnswerAndOnlyBugsAre500() {
        let codes: [RPCError.Code] = [
            .cancelled, .unknown, .invalidArgument, .deadlineExceeded, .notFound, .alreadyExists, .permissionDenied,
            .resourceExhausted, .failedPrecondition, .aborted, .outOfRange, .unimplemented, .internalError, .unavailable,
            .dataLoss, .unauthenticated,
        ]
        for code in codes {
            let error = APIError.from(rpc: RPCError(code: code, message: "m"))
            #expect(!error.code.isEmpty && error.code == error.code.lowercased(), "\(code)")
            let isBug = [RPCError.Code.unknown, .internalError, .dataLoss].contains(code)
            #expect((error.status == .internalServerError) == isBug, "\(code): \(error.status)")
        }
    }
}
