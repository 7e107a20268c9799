import Foundation
import Hummingbird
import HummingbirdTesting
import JWTKit
import Synchronization

/// An identity provider for tests: signs tokens with ES256 keys and publishes the current keys as
/// a JWKS over real HTTP, counting fetches. Rotating replaces the published keys.
final class TestIdentityProvider: Sendable {
    static let issuer = "https://id.test.local/"
    static let audience = "metricx-test"

    private struct State {
        var keys: [(kid: String, key: ES256PrivateKey)] = []
        var fetches = 0
    }

    private let state = Mutex(State())

    init(kid: String = "key-1") {
        rotate(to: kid)
    }

    /// Publishes a new key in place of the old ones.
    func rotate(to kid: String) {
        state.withLock { $0.keys = [(kid, ES256PrivateKey())] }
    }

    var fetches: Int { state.withLock { $0.fetches } }

    var jwks: String {
        let keys = state.withLock { $0.keys }.map { kid, key -> String in
            let (x, y) = key.publicKey.parameters!
            return #"{"kty":"EC","crv":"P-256","use":"sig","alg":"ES256","kid":"\#(kid)","x":"\#(x)","y":"\#(y)"}"#
        }
        // An encryption key and a symmetric key the verifier must skip without failing.
        return
            #"{"keys":[\#(keys.joined(separator: ",")),{"kty":"RSA","use":"enc","kid":"enc-1","n":"AQAB","e":"AQAB"},{"kty":"oct","kid":"hmac","k":"c2VjcmV0"}]}"#
    }

    struct Claims: JWTPayload {
        var sub: SubjectClaim
        var iss: IssuerClaim
        var aud: AudienceClaim
        var exp: ExpirationClaim
        var nbf: NotBeforeClaim?
        var email: String?
        var emailVerified: Bool?

        enum CodingKeys: String, CodingKey {
            case sub, iss, aud, exp, nbf, email
            case emailVerified = "email_verified"
        }

        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    /// A token signed with the current key, or with `key` (a key nobody publishes) when given.
    func token(
        subject: String, email: String? = nil, emailVerified: Bool? = true, issuer: String = issuer, audience: String = audience,
        expiresIn: TimeInterval = 300, notBefore: Date? = nil, signingKey: (kid: String, key: ES256PrivateKey)? = nil
    ) async throws -> String {
        let (kid, key) = signingKey ?? state.withLock { $0.keys[0] }
        let keys = JWTKeyCollection()
        await keys.add(ecdsa: key, kid: JWKIdentifier(string: kid))
        let claims = Claims(
            sub: .init(value: subject), iss: .init(value: issuer), aud: .init(value: [audience]),
            exp: .init(value: Date().addingTimeInterval(expiresIn)), nbf: notBefore.map { .init(value: $0) }, email: email,
            emailVerified: email == nil ? nil : emailVerified)
        return try await keys.sign(claims, kid: JWKIdentifier(string: kid))
    }

    /// Serves `/.well-known/jwks.json` on a free local port while `body` runs.
    func serve<T: Sendable>(_ body: @Sendable (URL) async throws -> T) async throws -> T {
        let router = Router()
        router.get(".well-known/jwks.json") { _, _ -> Response in
            self.state.withLock { $0.fetches += 1 }
            return Response(
                status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: self.jwks)))
        }
        return try await Application(router: router).test(.live) { client in
            try await body(URL(string: "http://127.0.0.1:\(client.port!)/.well-known/jwks.json")!)
        }
    }
}
