import Hummingbird
import MetricxProtos

/// `POST /qa/insights`'s request and response.
struct InsightsRequestBody: Codable, Sendable {
    var timeRange: SemanticQueryBody.TimeRange?
    var asOf: String?

    enum CodingKeys: String, CodingKey {
        case timeRange = "time_range"
        case asOf = "as_of"
    }
}

struct InsightsBody: Encodable, ResponseEncodable, Sendable {
    struct Insight: Encodable, Sendable {
        var kind: String
        var text: String
        var metric: String
        var entityKey: String?
        var value: Double?

        enum CodingKeys: String, CodingKey {
            case kind, text, metric, value
            case entityKey = "entity_key"
        }
    }

    var resolved: [String: String]
    var insights: [Insight]

    init(_ response: Metricx_V1_InsightsResponse) {
        resolved = ["start": response.resolved.range.start, "end": response.resolved.range.end]
        insights = response.insights.map {
            Insight(
                kind: $0.kind, text: $0.text, metric: $0.metric, entityKey: $0.entityKey.isEmpty ? nil : $0.entityKey,
                value: $0.hasValue ? $0.value : nil)
        }
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        try jsonResponse(.ok, self)
    }
}
