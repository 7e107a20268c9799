import Logging
import Metrics
import Prometheus

/// The process-wide logging and metrics set-up of a service.
public enum Observability {
    /// Bootstraps logging and swift-metrics (backed by Prometheus) once per process and returns the
    /// registry the admin server exposes on `/metrics`.
    public static func bootstrap(_ configuration: LoggingConfiguration) -> PrometheusCollectorRegistry {
        LoggingSystem.bootstrap(
            { label, provider in
                var handler: any LogHandler
                switch configuration.format {
                case .json: handler = JSONLogHandler(label: label, metadataProvider: provider)
                case .text: handler = StreamLogHandler.standardError(label: label, metadataProvider: provider)
                }
                handler.logLevel = configuration.level
                return handler
            }, metadataProvider: RequestContext.metadataProvider)
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }
}
