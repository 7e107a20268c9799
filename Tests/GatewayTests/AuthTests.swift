import Foundation
import Hummingbird
import HummingbirdTesting
import MetricxTestSupport
import Testing

@testable import Gateway

@Suite(.enabled(if: TestEnvironment.hasPostgres, "needs the Postgres started by make test"))
struct AuthTests {
    @Test(arguments: [
        nil, "Basic dXNlcjpwYXNz", "Bearer", "Bearer not-a-key", "Bearer mx_0123456789ab_wrongsecretwrongsecretwrong",
        "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln",
    ])
    func aMissingOrBadTokenIs401(authorization: String?) async throws {
        let (store, client) = try await GatewayHarness.store()
        _ = try await GatewayHarness.tenant(store)
        try await GatewayHarness.app(store: store).test(.router) { http in
            var headers: HTTPFields = [:]
            if let authorization { headers[.authorization] = authorization }
            try await http.execute(uri: "/workspace", method: .get, headers: headers) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == "Bearer")
                #expect(GatewayHarness.error(response)?.code == "unauthenticated")
            }
        }
        await client.shutdown()
    }

    @Test func aValidKeyActsInItsWorkspaceAndARevokedOneNoLonger() async throws {
        let (store, client) = try await GatewayHarness.store()
        let tenant = try await GatewayHarness.tenant(store, name: "Revocation Co")
        try await GatewayHarness.app(store: store).test(.router) { http in
            try await http.execute(uri: "/workspace", method: .get, headers: GatewayHarness.headers(tenant.viewerKey)) { response in
                #expect(response.status == .ok)
                #expect(GatewayHarness.decode(Workspace.self, response)?.id == tenant.workspace.id)
            }
            try await http.execute(
                uri: "/api-keys/\(tenant.viewerKeyID)", method: .delete, headers: GatewayHarness.headers(tenant.adminKey)
            ) { response in
                #expect(response.status == .noContent)
            }
            try await http.execute(uri: "/workspace", method: .get, headers: GatewayHarness.headers(tenant.viewerKey)) { response in
                #expect(response.status == .unauthorized)
            }
        }
        await client.shutdown()
    }

    @Test func aViewerCannotWrite() async throws {
        let (store, client) = try await GatewayHarness.store()
        let tenant = try await GatewayHarness.tenant(store)
        try await GatewayHarness.app(store: store).test(.router) { http in
            let viewer = GatewayHarness.headers(tenant.viewerKey)
            try await http.execute(uri: "/workspace", method: .patch, headers: viewer, body: ByteBuffer(string: #"{"name":"Hijacked"}"#)) {
                response in
                #expect(response.status == .forbidden)
                #expect(GatewayHarness.error(response)?.message.contains("admin") == true)
            }
            try await http.execute(
                uri: "/api-keys", method: .post, headers: viewer, body: ByteBuffer(string: #"{"name":"mine","role":"admin"}"#)
            ) { response in
                #expect(response.status == .forbidden)
            }
        }
        #expect(try await store.workspace(id: tenant.workspace.id)?.name == "Acme")
        await client.shutdown()
    }

    @Test func adminsManageKeysThatAreShownOnceAndListedWithCursors() async throws {
        let (store, client) = try await GatewayHarness.store()
        let tenant = try await GatewayHarness.tenant(store)
        try await GatewayHarness.app(store: store).test(.router) { http in
            let admin = GatewayHarness.headers(tenant.adminKey)
            var created: String?
            try await http.execute(
                uri: "/api-keys", method: .post, headers: admin, body: ByteBuffer(string: #"{"name":"ci","role":"editor"}"#)
            ) { response in
                #expect(response.status == .created)
                let body = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any]
                created = body?["api_key"] as? String
                #expect(created?.hasPrefix("mx_") == true)
                #expect((body?["key"] as? [String: Any])?["role"] as? String == "editor")
            }
            var seen: [String] = []
            var cursor: String?
            repeat {
                let uri = "/api-keys?limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
                try await http.execute(uri: uri, method: .get, headers: admin) { response in
                    #expect(response.status == .ok)
                    let page = GatewayHarness.decode(Page<APIKeyRecord>.self, response)
                    seen += page?.items.map(\.name) ?? []
                    cursor = page?.nextCursor
                    #expect(!String(buffer: response.body).contains(created ?? "never"))
                }
            } while cursor != nil
            #expect(seen == ["ci", "viewer", "admin"])
            try await http.execute(uri: "/api-keys?limit=0", method: .get, headers: admin) { response in
                #expect(response.status == .badRequest)
                #expect(GatewayHarness.error(response)?.field == "limit")
            }
        }
        await client.shutdown()
    }
}

@Suite struct CachingWorkspaceStoreTests {
    @Test func cachedKeysStillCheckTheSecretAndRevocationIsImmediate() async throws {
        let base = InMemoryWorkspaceStore()
        let store = CachingWorkspaceStore(base, ttl: .seconds(60))
        let tenant = try await GatewayHarness.tenant(store)
        let token = try #require(APIKeyToken(tenant.viewerKey))
        #expect(try await store.authenticate(token)?.keyID == tenant.viewerKeyID)
        // Same prefix, wrong secret: refused even though the prefix is cached.
        let forged = APIKeyToken(prefix: token.prefix, secret: String(repeating: "x", count: 43))
        #expect(try await store.authenticate(forged) == nil)
        // A rename is visible at once, not after the TTL.
        _ = try await store.updateWorkspace(id: tenant.workspace.id, name: "Renamed", timezone: nil, currency: nil)
        #expect(try await store.authenticate(token)?.access.workspace.name == "Renamed")
        #expect(try await store.revokeAPIKey(workspaceID: tenant.workspace.id, id: tenant.viewerKeyID))
        #expect(try await store.authenticate(token) == nil)
    }
}
