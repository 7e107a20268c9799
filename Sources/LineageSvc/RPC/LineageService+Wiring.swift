import MetricxPostgres
import MetricxProtos
import MetricxRuntime

extension LineageService {
    /// The service over its stores in `postgres`, reading measures and anomalies from `metrics`.
    init(postgres: PostgresClient, metrics: any Metricx_V1_MetricsService.ClientProtocol) {
        // Explanations and localizations share the service's CPU through one bounded queue.
        let compute = ComputeQueue()
        let definitions = DefinitionStore(postgres: postgres)
        let events = ChangeEventStore(postgres: postgres)
        let analysis = ImpactAnalysis(definitions: definitions, events: events, metrics: metrics)
        self.init(
            definitions: definitions, events: events, analysis: analysis,
            explainer: Explainer(definitions: definitions, events: events, analysis: analysis, metrics: metrics, compute: compute),
            localization: Localization(compute: compute))
    }
}
