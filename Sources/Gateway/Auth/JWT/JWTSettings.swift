import Foundation
import MetricxRuntime

/// Sign-in with an identity provider's JWTs (Clerk, Auth0, Keycloak...), by configuration alone.
///
/// | variable | default | meaning |
/// |---|---|---|
/// | `JWT_JWKS_URL` | (none) | the provider's JWKS; unset turns JWT sign-in off |
/// | `JWT_ISSUER` | required with a JWKS | the `iss` every token must carry |
/// | `JWT_AUDIENCE` | required with a JWKS | a value every token's `aud` must include |
/// | `JWT_LEEWAY` | 60s | clock skew allowed on `exp` and `nbf` |
/// | `JWT_JWKS_MIN_REFRESH` | 30s | shortest time between two fetches triggered by unknown `kid`s |
struct JWTSettings: Sendable, Equatable {
    var jwksURL: URL
    var issuer: String
    var audience: String
    var leeway: Duration = .seconds(60)
    var minimumRefreshInterval: Duration = .seconds(30)
    /// How long a fetched JWKS stays in Redis for the other replicas.
    var cacheTTL: Duration = .seconds(3600)

    /// nil when `JWT_JWKS_URL` is unset.
    init?(environment env: EnvironmentReader) throws {
        guard env.raw("JWT_JWKS_URL") != nil else { return nil }
        self.jwksURL = try env.url("JWT_JWKS_URL", default: "", schemes: ["http", "https"])
        guard let issuer = env.raw("JWT_ISSUER"), !issuer.isEmpty else {
            throw ConfigurationError(variable: "JWT_ISSUER", value: nil, reason: "required when JWT_JWKS_URL is set")
        }
        guard let audience = env.raw("JWT_AUDIENCE"), !audience.isEmpty else {
            throw ConfigurationError(variable: "JWT_AUDIENCE", value: nil, reason: "required when JWT_JWKS_URL is set")
        }
        self.issuer = issuer
        self.audience = audience
        self.leeway = try env.duration("JWT_LEEWAY", default: .seconds(60))
        self.minimumRefreshInterval = try env.duration("JWT_JWKS_MIN_REFRESH", default: .seconds(30))
    }

    init(jwksURL: URL, issuer: String, audience: String) {
        self.jwksURL = jwksURL
        self.issuer = issuer
        self.audience = audience
    }
}
