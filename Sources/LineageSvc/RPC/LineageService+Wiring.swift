import MetricxPostgres
import MetricxProtos

extension LineageService {
    /// The service over its stores in `postgres`, reading measures and anomalies from `metrics`.
    init(postgres: PostgresClient, metrics: any Metricx_V1_MetricsService.ClientProtocol) {
        let definitions = DefinitionStore(postgres: postgres)
        let events = ChangeEventStore(postgres: postgres)
        let analysis = ImpactAnalysis(definitions: definitions, events: events, metrics: metrics)
        self.init(
            definitions: definitions, events: events, analysis: analysis,
            explainer: Explainer(definitions: definitions, events: events, analysis: analysis, metrics: metrics),
            localization: Localization())
    }
}
