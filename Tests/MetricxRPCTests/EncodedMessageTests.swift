import Foundation
import GRPCCore
import MetricxProtos
import MetricxRPC
import MetricxRuntime
import Testing

/// `EchoWorkspaceService` with `GetWorkspace` registered in wire form, as MetricsSvc registers its
/// cached calls.
struct EncodedEchoService: RegistrableRPCService {
    func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        EchoWorkspaceService().registerMethods(with: &router)
        router.registerUnary(Metricx_V1_WorkspaceService.Method.GetWorkspace.descriptor) {
            (request: Metricx_V1_GetWorkspaceRequest, context) -> EncodedMessage<Metricx_V1_Workspace> in
            if request.id == "missing" { throw ServiceError.notFound("workspace missing does not exist") }
            return try EncodedMessage(
                Metricx_V1_Workspace.with {
                    $0.id = RequestContext.current?.workspaceID ?? ""
                    $0.name = "encoded \(request.id)"
                })
        }
    }
}

@Suite struct EncodedMessageTests {
    typealias Workspaces = Metricx_V1_WorkspaceService

    @Test func anEncodedAnswerReachesGeneratedAndEncodedClientsAlike() async throws {
        try await RPCHarness.withServer(services: [EncodedEchoService()]) { port, _, _ in
            try await RPCHarness.withClient(port: port) { client in
                let workspaces = Workspaces.Client(wrapping: client.grpc)
                let context = RequestContext(requestID: "r", workspaceID: "ws-a")
                let decoded = try await RequestContext.$current.withValue(context) {
                    try await workspaces.getWorkspace(.with { $0.id = "x" })
                }
                // The replacement answered, inside the server's interceptor (the context arrived).
                #expect(decoded.name == "encoded x")
                #expect(decoded.id == "ws-a")

                let encoded = try await client.grpc.encodedUnary(
                    Workspaces.Method.GetWorkspace.descriptor, request: Metricx_V1_GetWorkspaceRequest.with { $0.id = "y" },
                    answer: Metricx_V1_Workspace.self)
                #expect(try encoded.decoded().name == "encoded y")
                #expect(encoded == (try EncodedMessage(Metricx_V1_Workspace.with { $0.name = "encoded y" })))
            }
        }
    }

    @Test func errorsOfAnEncodedHandlerAreMappedLikeAnyOther() async throws {
        try await RPCHarness.withServer(services: [EncodedEchoService()]) { port, _, _ in
            try await RPCHarness.withClient(port: port) { client in
                let error = await #expect(throws: RPCError.self) {
                    try await Workspaces.Client(wrapping: client.grpc).getWorkspace(.with { $0.id = "missing" })
                }
                #expect(error?.code == .notFound)
                #expect(error?.message == "workspace missing does not exist")
            }
        }
    }

    @Test func bytesThatAreNotTheMessageFailToDecode() {
        let garbage = EncodedMessage<Metricx_V1_Workspace>(bytes: [0xFF, 0xFF, 0xFF])
        #expect(throws: (any Error).self) { try garbage.decoded() }
    }
}
