import Foundation
import Hummingbird
import HummingbirdTesting
import MetricxTestSupport
import Testing

@testable import Gateway

@Suite(.enabled(if: TestEnvironment.hasPostgres, "needs the Postgres started by make test"))
struct MembersTests {
    @Test func adminsInviteChangeAndRemoveMembersWithCursorPages() async throws {
        let (store, client) = try await GatewayHarness.store()
        let tenant = try await GatewayHarness.tenant(store, name: "Members Co")
        try await GatewayHarness.app(store: store).test(.router) { http in
            let admin = GatewayHarness.headers(tenant.adminKey)
            var ids: [String] = []
            for index in 0..<3 {
                try await http.execute(
                    uri: "/members", method: .post, headers: admin,
                    body: ByteBuffer(string: #"{"email":" Person\#(index)@Example.com ","role":"editor"}"#)
                ) { response in
                    #expect(response.status == .created)
                    let member = GatewayHarness.decode(Member.self, response)
                    #expect(member?.email == "person\(index)@example.com")
                    #expect(member?.status == .invited)
                    ids.append(member?.id ?? "")
                }
            }
            try await http.execute(
                uri: "/members", method: .post, headers: admin, body: ByteBuffer(string: #"{"email":"PERSON0@example.com"}"#)
            ) { response in
                #expect(response.status == .conflict)
                #expect(GatewayHarness.error(response)?.field == "email")
            }
            try await http.execute(uri: "/members", method: .post, headers: admin, body: ByteBuffer(string: #"{"email":"not-an-email"}"#)) {
                response in
                #expect(response.status == .unprocessableContent)
                #expect(GatewayHarness.error(response)?.field == "email")
            }
            try await http.execute(
                uri: "/members", method: .post, headers: admin, body: ByteBuffer(string: #"{"email":"x@example.com","role":"owner"}"#)
            ) { response in
                #expect(response.status == .unprocessableContent)
                #expect(GatewayHarness.error(response)?.field == "role")
            }
            var cursor: String?
            try await http.execute(uri: "/members?limit=2", method: .get, headers: admin) { response in
                let page = GatewayHarness.decode(Page<Member>.self, response)
                #expect(page?.items.map(\.id) == Array(ids.prefix(2)))
                cursor = page?.nextCursor
            }
            try await http.execute(uri: "/members?limit=2&cursor=\(cursor ?? "")", method: .get, headers: admin) { response in
                let page = GatewayHarness.decode(Page<Member>.self, response)
                #expect(page?.items.map(\.id) == [ids[2]])
                #expect(page?.nextCursor == nil)
            }
            try await http.execute(
                uri: "/members/\(ids[1])", method: .patch, headers: admin, body: ByteBuffer(string: #"{"role":"admin"}"#)
            ) { response in
                #expect(GatewayHarness.decode(Member.self, response)?.role == .admin)
            }
            try await http.execute(uri: "/members/\(ids[0])", method: .delete, headers: admin) { response in
                #expect(response.status == .noContent)
            }
            try await http.execute(uri: "/members/\(ids[0])", method: .delete, headers: admin) { response in
                #expect(response.status == .notFound)
            }
        }
        await client.shutdown()
    }

    @Test func theLastAdminMemberCannotBeDemotedOrRemoved() async throws {
        let (store, client) = try await GatewayHarness.store()
        let userID = try await store.provisionUser(
            VerifiedIdentity(issuer: "https://id.test/", subject: TestEnvironment.uniqueName("s"), email: nil))
        let workspace = try await store.createWorkspace(name: "Solo", timezone: "UTC", currency: "USD", adminUserID: userID)
        await #expect(throws: APIError.self) { _ = try await store.updateMember(workspaceID: workspace.id, id: userID, role: .viewer) }
        await #expect(throws: APIError.self) { _ = try await store.removeMember(workspaceID: workspace.id, id: userID) }
        let second = try await store.provisionUser(
            VerifiedIdentity(issuer: "https://id.test/", subject: TestEnvironment.uniqueName("s"), email: "second-\(userID)@example.com"))
        _ = try await store.addMember(workspaceID: workspace.id, email: "second-\(userID)@example.com", role: .admin)
        #expect(try await store.updateMember(workspaceID: workspace.id, id: userID, role: .viewer)?.role == .viewer)
        await #expect(throws: APIError.self) { _ = try await store.removeMember(workspaceID: workspace.id, id: second) }
        #expect(try await store.memberships(userID: userID).map(\.role) == [.viewer])
        await client.shutdown()
    }

    @Test func getsCarryAnETagAndAnswer304WhenNothingChanged() async throws {
        let store = InMemoryWorkspaceStore()
        let tenant = try await GatewayHarness.tenant(store)
        try await GatewayHarness.app(store: store).test(.router) { http in
            var etag = ""
            try await http.execute(uri: "/workspace", method: .get, headers: GatewayHarness.headers(tenant.viewerKey)) { response in
                etag = response.headers[.eTag] ?? ""
            }
            #expect(etag.hasPrefix("\""))
            var conditional = GatewayHarness.headers(tenant.viewerKey)
            conditional[.ifNoneMatch] = etag
            try await http.execute(uri: "/workspace", method: .get, headers: conditional) { response in
                #expect(response.status == .notModified)
                #expect(response.body.readableBytes == 0)
            }
            try await http.execute(
                uri: "/workspace", method: .patch, headers: GatewayHarness.headers(tenant.adminKey),
                body: ByteBuffer(string: #"{"currency":"EUR"}"#)
            ) { _ in }
            try await http.execute(uri: "/workspace", method: .get, headers: conditional) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.eTag] != etag)
            }
        }
    }
}
