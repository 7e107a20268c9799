import Foundation
import Hummingbird
import HummingbirdTesting
import MetricxTestSupport
import Testing

@testable import Gateway

/// A principal of workspace A using ids of workspace B gets 404 and changes nothing.
@Suite(.enabled(if: TestEnvironment.hasPostgres, "needs the Postgres started by make test"))
struct IsolationTests {
    @Test func anotherWorkspacesIdsAreNotFoundAndUntouched() async throws {
        let (store, client) = try await GatewayHarness.store()
        let a = try await GatewayHarness.tenant(store, name: "Tenant A")
        let b = try await GatewayHarness.tenant(store, name: "Tenant B")
        try await GatewayHarness.app(store: store).test(.router) { http in
            let adminA = GatewayHarness.headers(a.adminKey)
            for (method, uri, body) in [
                (HTTPRequest.Method.get, "/workspaces/\(b.workspace.id)", nil as String?),
                (.delete, "/api-keys/\(b.viewerKeyID)", nil),
            ] {
                try await http.execute(uri: uri, method: method, headers: adminA, body: body.map { ByteBuffer(string: $0) }) { response in
                    #expect(response.status == .notFound, "\(method) \(uri)")
                    #expect(GatewayHarness.error(response)?.code == "not_found")
                }
            }
            var picking = adminA
            picking[.workspaceID] = b.workspace.id
            try await http.execute(uri: "/workspace", method: .get, headers: picking) { response in
                #expect(response.status == .notFound)
            }
            // B's key still works and B's workspace is unchanged.
            try await http.execute(uri: "/workspace", method: .get, headers: GatewayHarness.headers(b.viewerKey)) { response in
                #expect(response.status == .ok)
                #expect(GatewayHarness.decode(Workspace.self, response)?.name == "Tenant B")
            }
            try await http.execute(uri: "/api-keys", method: .get, headers: adminA) { response in
                let page = GatewayHarness.decode(Page<APIKeyRecord>.self, response)
                #expect(page.map { Set($0.items.map(\.id)).isDisjoint(with: [b.viewerKeyID]) } == true)
            }
        }
        await client.shutdown()
    }
}
