import Foundation
import Hummingbird
import HummingbirdTesting
import MetricxProtos
import MetricxRuntime
import MetricxTestSupport
import Testing

@testable import Gateway

/// An OAuth flow completes only in the browser that started it: a victim who approves an
/// attacker's authorize link does not connect their account to the attacker's workspace.
@Suite(.enabled(if: TestEnvironment.hasPostgres, "needs the Postgres started by make test"))
struct OAuthBindingTests {
    private func withGateway(_ body: @Sendable (TestClientProtocol, GatewayHarness.Tenant, GatewayHarness.Tenant) async throws -> Void)
        async throws
    {
        let (store, client) = try await GatewayHarness.store()
        let attacker = try await GatewayHarness.tenant(store, name: "OAuth attacker")
        let victim = try await GatewayHarness.tenant(store, name: "OAuth victim")
        try await LoopbackRPC.with([InMemorySync()]) { rpc in
            let app = GatewayHarness.app(store: store, sync: Metricx_V1_SyncService.Client(wrapping: rpc.grpc))
            try await app.test(.router) { http in try await body(http, attacker, victim) }
        }
        await client.shutdown()
    }

    /// Starts a flow as `key`'s holder: its state and the cookie its browser got.
    private func start(_ http: TestClientProtocol, key: String) async throws -> (state: String, cookie: String, setCookie: String) {
        let response = try await http.execute(
            uri: "/oauth/meta/start", method: .post, headers: GatewayHarness.headers(key),
            body: ByteBuffer(string: #"{"account_ref": "act_42", "name": "Meta"}"#))
        #expect(response.status == .ok)
        let state = try #require(GatewayHarness.decode([String: String].self, response)?["state"])
        let setCookie = try #require(response.headers[.setCookie])
        return (state, String(setCookie.split(separator: ";")[0]), setCookie)
    }

    private func callback(_ http: TestClientProtocol, state: String, cookie: String?) async throws -> TestResponse {
        var headers = HTTPFields()
        if let cookie { headers[.cookie] = cookie }
        return try await http.execute(uri: "/oauth/meta/callback?state=\(state)&code=granted", method: .get, headers: headers)
    }

    @Test func onlyTheStartingBrowserCompletesTheFlow() async throws {
        try await withGateway { http, attacker, victim in
            let attackers = try await start(http, key: attacker.adminKey)
            #expect(attackers.setCookie.contains("HttpOnly"))
            #expect(attackers.setCookie.contains("SameSite=Lax"))
            #expect(attackers.setCookie.contains("Path=/oauth/"))

            // The victim's browser has no cookie for the attacker's flow, or one of its own flow.
            let victims = try await start(http, key: victim.adminKey)
            let withoutCookie = try await callback(http, state: attackers.state, cookie: nil)
            #expect(withoutCookie.status == .forbidden)
            #expect(GatewayHarness.error(withoutCookie)?.field == "state")
            let otherFlow = victims.cookie.replacingOccurrences(
                of: OAuthBrowserBinding(key: .init(size: .bits256), secure: false).cookieName(state: victims.state),
                with: OAuthBrowserBinding(key: .init(size: .bits256), secure: false).cookieName(state: attackers.state))
            #expect(try await callback(http, state: attackers.state, cookie: otherFlow).status == .forbidden)

            // A cookie naming another principal does not verify.
            let parts = attackers.cookie.split(separator: "=", maxSplits: 1)
            let mac = parts[1].split(separator: ".")[1]
            let forged = "\(parts[0])=\(Data("key:someone-else".utf8).base64URLEncodedString()).\(mac)"
            #expect(try await callback(http, state: attackers.state, cookie: forged).status == .forbidden)

            // Refusals did not spend the state: the browser that started the flow completes it.
            let completed = try await callback(http, state: attackers.state, cookie: attackers.cookie)
            #expect(completed.status == .ok)
            #expect(completed.headers[.setCookie]?.contains("Max-Age=0") == true)
            #expect(try await callback(http, state: attackers.state, cookie: attackers.cookie).status != .ok)

            let victimsConnections = try await http.execute(
                uri: "/connections", method: .get, headers: GatewayHarness.headers(victim.adminKey, json: false))
            #expect(String(buffer: victimsConnections.body).contains("act_42") == false)
        }
    }

    @Test func theRedirectURIIsNotTheCallersToChoose() async throws {
        try await withGateway { http, attacker, _ in
            let response = try await http.execute(
                uri: "/oauth/meta/start", method: .post, headers: GatewayHarness.headers(attacker.adminKey),
                body: ByteBuffer(string: #"{"account_ref": "act_42", "redirect_uri": "https://evil.example/steal"}"#))
            #expect(response.status.code / 100 == 4)
            #expect(GatewayHarness.error(response)?.field == "redirect_uri")
        }
    }

    @Test func bindingsFromAnotherDeploymentKeyDoNotVerify() {
        let ours = OAuthBrowserBinding(key: .init(size: .bits256), secure: true)
        let theirs = OAuthBrowserBinding(key: .init(size: .bits256), secure: true)
        let cookie = theirs.setCookie(state: "s", principal: "key:1")
        #expect(cookie.contains("; Secure"))
        let value = String(cookie.split(separator: ";")[0].split(separator: "=", maxSplits: 1)[1])
        #expect(theirs.principal(state: "s", cookieValue: value) == "key:1")
        #expect(ours.principal(state: "s", cookieValue: value) == nil)
        #expect(theirs.principal(state: "t", cookieValue: value) == nil)
    }
}
