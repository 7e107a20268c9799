import MetricxRuntime

/// Settings of the public HTTP side of the gateway.
///
/// | variable | default | meaning |
/// |---|---|---|
/// | `HTTP_HOST` / `HTTP_PORT` | 127.0.0.1 / 8080 | where the public API listens |
/// | `READINESS_TIMEOUT` | 2s | how long `/readyz` waits for each dependency |
struct GatewayConfiguration: Sendable {
    var http: HostPort
    var readinessTimeout: Duration

    init(environment env: EnvironmentReader = EnvironmentReader()) throws {
        self.http = HostPort(
            host: env.string("HTTP_HOST", default: "127.0.0.1"), port: try env.port("HTTP_PORT", default: 8080))
        self.readinessTimeout = try env.duration("READINESS_TIMEOUT", default: .seconds(2))
    }
}
