import Foundation
import Hummingbird
import HummingbirdTesting
import JWTKit
import MetricxTestSupport
import Testing

@testable import Gateway

/// JWT sign-in against a local JWKS server: claims checked, users provisioned, keys rotated.
@Suite(.enabled(if: TestEnvironment.hasPostgres, "needs the Postgres started by make test"))
struct JWTAuthTests {
    @Test func badExpiredWrongAudienceOrIssuerTokensAre401() async throws {
        let (store, client) = try await GatewayHarness.store()
        let provider = TestIdentityProvider()
        try await provider.serve { url in
            let app = GatewayHarness.app(store: store, jwt: GatewayHarness.verifier(url))
            let stranger = (kid: "key-1", key: ES256PrivateKey())
            let tokens = [
                "expired": try await provider.token(subject: "u1", expiresIn: -300),
                "wrong audience": try await provider.token(subject: "u1", audience: "someone-else"),
                "wrong issuer": try await provider.token(subject: "u1", issuer: "https://evil.example/"),
                "not yet valid": try await provider.token(subject: "u1", notBefore: Date().addingTimeInterval(600)),
                "forged signature": try await provider.token(subject: "u1", signingKey: stranger),
                "unknown kid": try await provider.token(subject: "u1", signingKey: (kid: "nobody", key: stranger.key)),
                "garbage": "a.b.c",
            ]
            try await app.test(.router) { http in
                for (label, token) in tokens {
                    try await http.execute(uri: "/workspaces", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                        #expect(response.status == .unauthorized, "\(label)")
                        #expect(GatewayHarness.error(response)?.code == "unauthenticated", "\(label)")
                    }
                }
            }
        }
        await client.shutdown()
    }

    @Test func aNewUserIsProvisionedCreatesAWorkspaceAndAcceptsAnInvitation() async throws {
        let (store, client) = try await GatewayHarness.store()
        let provider = TestIdentityProvider()
        let subject = TestEnvironment.uniqueName("user")
        let email = "\(subject)@example.com"
        let invitedBy = try await GatewayHarness.tenant(store, name: "Inviting Co")
        try await provider.serve { url in
            let app = GatewayHarness.app(store: store, jwt: GatewayHarness.verifier(url))
            let token = try await provider.token(subject: subject, email: email)
            let bearer: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
            try await app.test(.router) { http in
                // Signed in, but in no workspace yet.
                try await http.execute(uri: "/workspace", method: .get, headers: bearer) { response in
                    #expect(response.status == .notFound)
                }
                try await http.execute(uri: "/workspaces", method: .post, headers: bearer, body: ByteBuffer(string: #"{"name":"Mine"}"#)) {
                    response in
                    #expect(response.status == .created)
                }
                try await http.execute(uri: "/workspace", method: .get, headers: bearer) { response in
                    #expect(GatewayHarness.decode(Workspace.self, response)?.name == "Mine")
                }
                // An admin of another workspace invites the email; the next request sees both.
                try await http.execute(
                    uri: "/members", method: .post, headers: GatewayHarness.headers(invitedBy.adminKey),
                    body: ByteBuffer(string: #"{"email":"\#(email.uppercased())","role":"editor"}"#)
                ) { response in
                    #expect(response.status == .created)
                    #expect(GatewayHarness.decode(Member.self, response)?.status == .active)
                }
                try await http.execute(uri: "/workspaces", method: .get, headers: bearer) { response in
                    let page = GatewayHarness.decode(Page<WorkspaceMembership>.self, response)
                    #expect(page?.items.map(\.role).sorted() == [.editor, .admin])
                }
                // With two workspaces the request must name one.
                try await http.execute(uri: "/workspace", method: .get, headers: bearer) { response in
                    #expect(response.status == .badRequest)
                    #expect(GatewayHarness.error(response)?.field == "X-Workspace-Id")
                }
                var picking = bearer
                picking[.workspaceID] = invitedBy.workspace.id
                try await http.execute(uri: "/workspace", method: .get, headers: picking) { response in
                    #expect(GatewayHarness.decode(Workspace.self, response)?.id == invitedBy.workspace.id)
                }
                // An editor there cannot manage members.
                try await http.execute(
                    uri: "/members", method: .post, headers: picking, body: ByteBuffer(string: #"{"email":"x@example.com"}"#)
                ) { response in
                    #expect(response.status == .forbidden)
                }
            }
        }
        await client.shutdown()
    }

    /// #23: a token whose email the provider did not say it verified (the claim absent or false)
    /// must not accept an invitation sent to that address.
    @Test(arguments: [nil, false] as [Bool?])
    func anUnverifiedEmailDoesNotAcceptAnInvitation(verified: Bool?) async throws {
        let (store, client) = try await GatewayHarness.store()
        let provider = TestIdentityProvider()
        let tenant = try await GatewayHarness.tenant(store, name: "Guarded Co")
        let email = "\(TestEnvironment.uniqueName("victim"))@example.com"
        _ = try await store.addMember(workspaceID: tenant.workspace.id, email: email, role: .editor)
        try await provider.serve { url in
            let app = GatewayHarness.app(store: store, jwt: GatewayHarness.verifier(url))
            let token = try await provider.token(subject: "sub-\(email)", email: email, emailVerified: verified)
            try await app.test(.router) { http in
                try await http.execute(uri: "/workspace", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                    #expect(GatewayHarness.decode(Workspace.self, response)?.id != tenant.workspace.id)
                }
            }
        }
        let members = try await store.members(workspaceID: tenant.workspace.id, after: nil, limit: 10)
        #expect(members.allSatisfy { $0.status == .invited })
        await client.shutdown()
    }

    @Test func anInvitationBecomesAMembershipAtFirstSignIn() async throws {
        let (store, client) = try await GatewayHarness.store()
        let provider = TestIdentityProvider()
        let tenant = try await GatewayHarness.tenant(store, name: "Invites Co")
        let email = "\(TestEnvironment.uniqueName("new"))@example.com"
        let invited = try await store.addMember(workspaceID: tenant.workspace.id, email: email, role: .viewer)
        #expect(invited.status == .invited)
        try await provider.serve { url in
            let app = GatewayHarness.app(store: store, jwt: GatewayHarness.verifier(url))
            let token = try await provider.token(subject: "sub-\(email)", email: email)
            try await app.test(.router) { http in
                try await http.execute(uri: "/workspace", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                    #expect(GatewayHarness.decode(Workspace.self, response)?.id == tenant.workspace.id)
                }
                try await http.execute(
                    uri: "/workspace", method: .patch, headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                    body: ByteBuffer(string: #"{"name":"x"}"#)
                ) { response in
                    #expect(response.status == .forbidden)
                }
            }
        }
        let members = try await store.members(workspaceID: tenant.workspace.id, after: nil, limit: 10)
        #expect(members.map(\.status) == [.active])
        await client.shutdown()
    }

    @Test(.enabled(if: TestEnvironment.hasRedis, "needs Redis"))
    func aRotatedKeyIsFetchedOnItsFirstTokenAndSharedThroughRedis() async throws {
        let (store, client) = try await GatewayHarness.store()
        let redis = TestEnvironment.redisClient()
        let provider = TestIdentityProvider(kid: TestEnvironment.uniqueName("k"))
        try await provider.serve { url in
            // A per-test URL keeps the Redis cache key of parallel tests apart.
            let url = URL(string: url.absoluteString + "?test=\(UUID().uuidString)")!
            let replicaA = GatewayHarness.verifier(url, redis: redis)
            let first = try await provider.token(subject: "rotating")
            #expect(try await replicaA.verify(first).subject == "rotating")
            #expect(provider.fetches == 1)
            // A second replica starts from Redis, not from the provider.
            let replicaB = GatewayHarness.verifier(url, redis: redis)
            #expect(try await replicaB.verify(first).subject == "rotating")
            #expect(provider.fetches == 1)
            // The provider rotates: the first token with the new kid triggers one fetch.
            provider.rotate(to: TestEnvironment.uniqueName("k"))
            let second = try await provider.token(subject: "rotating")
            let app = GatewayHarness.app(store: store, jwt: replicaA)
            try await app.test(.router) { http in
                try await http.execute(uri: "/workspaces", method: .get, headers: [.authorization: "Bearer \(second)"]) { response in
                    #expect(response.status == .ok)
                }
                // The retired key no longer verifies.
                try await http.execute(uri: "/workspaces", method: .get, headers: [.authorization: "Bearer \(first)"]) { response in
                    #expect(response.status == .unauthorized)
                }
            }
            #expect(provider.fetches == 3)
        }
        await client.shutdown()
    }

    @Test func unknownKidsDoNotHammerTheProvider() async throws {
        let provider = TestIdentityProvider()
        try await provider.serve { url in
            let verifier = GatewayHarness.verifier(url, minimumRefresh: .seconds(60))
            _ = try await verifier.verify(try await provider.token(subject: "x"))
            for index in 0..<5 {
                let token = try await provider.token(subject: "x", signingKey: (kid: "made-up-\(index)", key: ES256PrivateKey()))
                await #expect(throws: JWTVerificationError.self) { try await verifier.verify(token) }
            }
            #expect(provider.fetches == 1)
        }
    }
}
