import Foundation
import MetricxOutbound
import MetricxTestSupport
import Testing

@testable import SyncSvc

/// Token endpoints go through the outbound policy too: one at a private address is never called
/// unless the deployment allows it.
@Suite struct TokenClientTests {
    @Test func aPrivateTokenEndpointIsRefusedUnlessAllowed() async throws {
        let endpoint = FakeProvider { _ in .init(body: #"{"access_token": "t", "expires_in": 3600}"#) }
        try await endpoint.serve { url in
            let app = OAuthApp(
                provider: .meta, clientID: "id", clientSecret: "secret", authorizeURL: url + "/authorize", tokenURL: url + "/token",
                scopes: [], usesPKCE: false)
            let strict = TokenClient(client: OutboundHTTPClient(policy: AddressPolicy()))
            let error = await #expect(throws: ConnectorError.self) {
                _ = try await strict.exchange(code: "c", redirectURI: "https://x/cb", codeVerifier: nil, app: app, shop: "")
            }
            #expect(error?.code == .unavailable)
            #expect("\(error.map { "\($0)" } ?? "")".contains("refused address"))
            let allowed = TokenClient(client: OutboundHTTPClient(policy: AddressPolicy(allowing: ["127.0.0.0/8"])!))
            let credentials = try await allowed.exchange(code: "c", redirectURI: "https://x/cb", codeVerifier: nil, app: app, shop: "")
            #expect(credentials.accessToken == "t")
        }
        #expect(endpoint.callCount == 1)
    }
}
