import MetricxRuntime

/// Settings of the public HTTP side of the gateway.
///
/// | variable | default | meaning |
/// |---|---|---|
/// | `HTTP_HOST` / `HTTP_PORT` | 127.0.0.1 / 8080 | where the public API listens |
/// | `HTTP_IDLE_TIMEOUT` | 30s | a connection that sends no complete request head (or nothing more) for this long is closed; a response in progress is never cut |
/// | `READINESS_TIMEOUT` | 2s | how long `/readyz` waits for each dependency |
/// | `RATE_LIMIT_PER_MINUTE` | 1200 | requests per principal per minute; 0 disables |
/// | `AUTH_FAILURES_PER_MINUTE` | 20 | failed authentications per client address per minute before 429; 0 disables |
/// | `TRUSTED_PROXY_HOPS` | 0 | proxies in front of the gateway that append to `X-Forwarded-For` (1 behind the Kubernetes ingress); the client address is read that far from the right |
/// | `CORS_ALLOWED_ORIGINS` | (none) | comma-separated origins, or `*` |
/// | `PUBLIC_URL` | `http://<HTTP_HOST>:<HTTP_PORT>` | how browsers reach the gateway (OAuth callbacks) |
/// | `OIDC_CLIENT_ID` | (none) | with JWT sign-in configured, the web app signs users in at `JWT_ISSUER` as this client (code flow with PKCE; set `JWT_AUDIENCE` to it) |
/// | `WEB_ROOT` | the bundled files | where the web app's files are |
///
/// JWT sign-in is configured by ``JWTSettings``.
struct GatewayConfiguration: Sendable {
    var http: HostPort
    var idleTimeout: Duration
    var readinessTimeout: Duration
    var rateLimitPerMinute: Int
    var failedAuthenticationsPerMinute: Int
    var trustedProxyHops: Int
    var corsOrigins: [String]
    var publicURL: String
    var jwt: JWTSettings?
    var oidcClientID: String?

    init(environment env: EnvironmentReader = EnvironmentReader()) throws {
        self.http = HostPort(
            host: env.string("HTTP_HOST", default: "127.0.0.1"), port: try env.port("HTTP_PORT", default: 8080))
        self.idleTimeout = try env.duration("HTTP_IDLE_TIMEOUT", default: .seconds(30))
        self.readinessTimeout = try env.duration("READINESS_TIMEOUT", default: .seconds(2))
        self.rateLimitPerMinute = try env.int("RATE_LIMIT_PER_MINUTE", default: 1200, in: 0...1_000_000)
        self.failedAuthenticationsPerMinute = try env.int("AUTH_FAILURES_PER_MINUTE", default: 20, in: 0...1_000_000)
        self.trustedProxyHops = try env.int("TRUSTED_PROXY_HOPS", default: 0, in: 0...16)
        self.corsOrigins = env.string("CORS_ALLOWED_ORIGINS", default: "")
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let publicURL = try env.url(
            "PUBLIC_URL", default: "http://\(http.host):\(http.port)", schemes: ["http", "https"]
        ).absoluteString
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        self.jwt = try JWTSettings(environment: env)
        self.oidcClientID = env.raw("OIDC_CLIENT_ID").flatMap { $0.isEmpty ? nil : $0 }
        if oidcClientID != nil && jwt == nil {
            throw ConfigurationError(
                variable: "OIDC_CLIENT_ID", value: oidcClientID, reason: "needs JWT_JWKS_URL, JWT_ISSUER and JWT_AUDIENCE")
        }
    }

    /// What the web app is told: where to sign in, when that is configured.
    var webAppConfig: WebAppConfig {
        guard let jwt, let oidcClientID else { return WebAppConfig(oidc: nil) }
        return WebAppConfig(oidc: .init(issuer: jwt.issuer, clientID: oidcClientID))
    }
}
