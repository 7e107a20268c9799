import MetricxProtos

/// What a question asks: the intent and, for the intents that read numbers, the SemanticQuery.
struct Understanding: Sendable, Equatable {
    enum Intent: String, Sendable, CaseIterable {
        case metricValue = "metric_value"
        case compare, rank, trend, explain, anomalies, lineage, unsupported
    }

    /// For `lineage`: which way through the graph.
    enum LineageDirection: String, Sendable {
        /// What the metric is computed from.
        case upstream
        /// What is computed from it.
        case downstream
        case both
    }

    var intent: Intent
    var query: Metricx_V1_SemanticQuery
    var lineageDirection: LineageDirection = .both
    /// For `explain`: the direction the question assumed ("drop", "up"), if any.
    var assumedDirection: Int = 0

    static func unsupported() -> Understanding {
        Understanding(intent: .unsupported, query: Metricx_V1_SemanticQuery())
    }

    var readsData: Bool {
        [.metricValue, .compare, .rank, .trend].contains(intent)
    }
}
