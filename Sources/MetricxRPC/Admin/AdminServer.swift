import Hummingbird
import Logging
import MetricxRuntime
import Prometheus
import ServiceLifecycle

/// A service's admin HTTP port: Prometheus `GET /metrics` and liveness `GET /healthz`.
/// Kept apart from the service's own port so scraping never competes with traffic.
public struct AdminServer: Service {
    private let application: Application<RouterResponder<BasicRequestContext>>

    public init(address: HostPort, registry: PrometheusCollectorRegistry, health: HealthStatus, logger: Logger) {
        let router = Router()
        router.get("metrics") { _, _ -> Response in
            var buffer: [UInt8] = []
            registry.emit(into: &buffer)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
        router.get("healthz") { _, _ -> HTTPResponse.Status in
            health.status(of: "") == .notServing ? .serviceUnavailable : .ok
        }
        self.application = Application(
            router: router,
            configuration: .init(address: .hostname(address.host, port: address.port), serverName: "metricx-admin"),
            logger: logger)
    }

    public func run() async throws {
        try await application.run()
    }
}
