import GRPCCore
import MetricxProtos
import MetricxRPC
import MetricxRuntime
import Testing

/// Internal calls are authenticated: a caller without the deployment's token cannot claim a
/// workspace (or anything else), whatever metadata it sends.
@Suite struct ServiceTokenTests {
    typealias Workspaces = Metricx_V1_WorkspaceService

    @Test(arguments: [nil, ServiceToken.random()])
    func aCallerWithoutTheTokenIsRefusedBeforeItsIdentityIsRead(token: ServiceToken?) async throws {
        try await RPCHarness.withServer(services: [EchoWorkspaceService()]) { port, _, _ in
            try await RPCHarness.withClient(port: port, token: token) { client in
                let claimed = RequestContext(requestID: "r", workspaceID: "someone-else", principal: "key:forged", role: "admin")
                let error = await #expect(throws: RPCError.self) {
                    try await RequestContext.$current.withValue(claimed) {
                        try await Workspaces.Client(wrapping: client.grpc).getWorkspace(.with { $0.id = "x" })
                    }
                }
                #expect(error?.code == .unauthenticated)
            }
        }
    }

    @Test func forgedAuthorizationMetadataIsRefused() async throws {
        try await RPCHarness.withServer(services: [EchoWorkspaceService()]) { port, _, _ in
            try await RPCHarness.withClient(port: port, token: nil) { client in
                var metadata = Metadata()
                metadata.addString(RPCHarness.token.metadataValue + "x", forKey: ServiceToken.metadataKey)
                let error = await #expect(throws: RPCError.self) {
                    try await Workspaces.Client(wrapping: client.grpc).getWorkspace(.with { $0.id = "x" }, metadata: metadata)
                }
                #expect(error?.code == .unauthenticated)
            }
        }
    }

    @Test func healthChecksNeedNoToken() async throws {
        try await RPCHarness.withServer(services: [EchoWorkspaceService()]) { port, _, _ in
            try await RPCHarness.withClient(port: port, token: nil) { client in
                let status = try await Grpc_Health_V1_Health.Client(wrapping: client.grpc).check(.init()).status
                #expect(status == .serving)
            }
        }
    }

    @Test func tokensAreLongPrintableAndNeverShown() {
        #expect(ServiceToken(String(repeating: "a", count: ServiceToken.minimumLength - 1)) == nil)
        #expect(ServiceToken(String(repeating: "a", count: 31) + " b") == nil)
        let token = ServiceToken(String(repeating: "s", count: 40))!
        #expect(token.accepts("Bearer " + String(repeating: "s", count: 40)))
        #expect(!token.accepts("Bearer " + String(repeating: "s", count: 41)))
        #expect(!token.accepts(String(repeating: "s", count: 40)))
        #expect("\(token)".contains("sss") == false)
    }
}
