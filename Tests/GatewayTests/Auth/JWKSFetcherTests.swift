import Foundation
import MetricxOutbound
import MetricxTestSupport
import Testing

@testable import Gateway

/// The JWKS is fetched through the outbound policy: an endpoint at a private address is refused
/// unless the deployment allows it, and the sign-in error says so in a word.
@Suite struct JWKSFetcherTests {
    @Test func aPrivateEndpointIsRefusedUnlessAllowed() async throws {
        let provider = FakeProvider { _ in .init(body: #"{"keys": []}"#) }
        try await provider.serve { url in
            let strict = HTTPJWKSFetcher(client: OutboundHTTPClient(policy: AddressPolicy()))
            let jwks = try #require(URL(string: url + "/jwks"))
            let error = await #expect(throws: JWTVerificationError.self) { _ = try await strict.fetch(jwks) }
            #expect(error?.code == .jwksUnavailable)
            #expect(error?.message.contains("refused address") == true)
            let allowed = HTTPJWKSFetcher(client: OutboundHTTPClient(policy: AddressPolicy(allowing: ["127.0.0.0/8"])!))
            let fetched = try await allowed.fetch(jwks)
            #expect(fetched == #"{"keys": []}"#)
        }
        #expect(provider.callCount == 1)
    }
}
