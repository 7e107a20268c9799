import MetricxProtos

/// What a question asks: the intent and, for the intents that read numbers, the SemanticQuery.
struct Understanding: Sendable, Equatable {
    enum Intent: String, Sendable, CaseIterable {
        case metricValue = "metric_value"
        case compare, rank, trend, explain, anomalies, lineage, clarify, unsupported
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
    /// For `clarify`: the question back; for `unsupported`: why, when the copilot knows.
    var message: String?

    static func unsupported(_ reason: String? = nil) -> Understanding {
        Understanding(intent: .unsupported, query: Metricx_V1_SemanticQuery(), message: reason)
    }

    static func clarify(_ question: String) -> Understanding {
        Understanding(intent: .clarify, query: Metricx_V1_SemanticQuery(), message: question)
    }

    var readsData: Bool {
        [.metricValue, .compare, .rank, .trend].contains(intent)
    }

    /// Whether the embedded understanding gave up on the question (a model may do better).
    var isUnderstood: Bool { intent != .clarify && intent != .unsupported }
}
