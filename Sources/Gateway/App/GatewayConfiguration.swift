import MetricxRuntime

/// Settings of the public HTTP side of the gateway.
///
/// | variable | default | meaning |
/// |---|---|---|
/// | `HTTP_HOST` / `HTTP_PORT` | 127.0.0.1 / 8080 | where the public API listens |
/// | `READINESS_TIMEOUT` | 2s | how long `/readyz` waits for each dependency |
/// | `RATE_LIMIT_PER_MINUTE` | 1200 | requests per principal per minute; 0 disables |
/// | `CORS_ALLOWED_ORIGINS` | (none) | comma-separated origins, or `*` |
/// | `PUBLIC_URL` | `http://<HTTP_HOST>:<HTTP_PORT>` | how browsers reach the gateway (OAuth callbacks) |
///
/// JWT sign-in is configured by ``JWTSettings``.
struct GatewayConfiguration: Sendable {
    var http: HostPort
    var readinessTimeout: Duration
    var rateLimitPerMinute: Int
    var corsOrigins: [String]
    var publicURL: String
    var jwt: JWTSettings?

    init(environment env: EnvironmentReader = EnvironmentReader()) throws {
        self.http = HostPort(
            host: env.string("HTTP_HOST", default: "127.0.0.1"), port: try env.port("HTTP_PORT", default: 8080))
        self.readinessTimeout = try env.duration("READINESS_TIMEOUT", default: .seconds(2))
        self.rateLimitPerMinute = try env.int("RATE_LIMIT_PER_MINUTE", default: 1200, in: 0...1_000_000)
        self.corsOrigins = env.string("CORS_ALLOWED_ORIGINS", default: "")
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let publicURL = try env.url(
            "PUBLIC_URL", default: "http://\(http.host):\(http.port)", schemes: ["http", "https"]).absoluteString
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        self.jwt = try JWTSettings(environment: env)
    }
}
