import Hummingbird
import MetricxProtos

/// DESIGN.md's `/qa/semantic` response, from the semantic layer's result. Null metric values stay
/// null; `comparison_*`, `breakdown` and `timeseries` appear only when asked for.
struct QueryResultBody: ResponseEncodable, Encodable, Sendable {
    let result: Metricx_V1_QueryResult

    private enum Keys: String, CodingKey {
        case query, resolved, data
        case metrics
        case timeRange = "time_range"
        case granularity, filters, breakdown, comparison
        case includeTimeseries = "include_timeseries"
        case start, end, preset, dimension, op, values, limit
        case orderBy = "order_by"
        case order, type
        case totals
        case comparisonTotals = "comparison_totals"
        case timeseries, key, label
        case comparisonValues = "comparison_values"
        case share, ts
    }

    func encode(to encoder: any Encoder) throws {
        var root = encoder.container(keyedBy: Keys.self)
        try encodeQuery(result.query, into: root.nestedContainer(keyedBy: Keys.self, forKey: .query))
        var resolved = root.nestedContainer(keyedBy: Keys.self, forKey: .resolved)
        try resolved.encode(result.resolved.range.start, forKey: .start)
        try resolved.encode(result.resolved.range.end, forKey: .end)
        if result.resolved.hasComparison {
            var comparison = resolved.nestedContainer(keyedBy: Keys.self, forKey: .comparison)
            try comparison.encode(result.resolved.comparison.start, forKey: .start)
            try comparison.encode(result.resolved.comparison.end, forKey: .end)
        }
        try Self.encodeData(result.data, query: result.query, into: root.nestedContainer(keyedBy: Keys.self, forKey: .data))
    }

    private func encodeQuery(_ query: Metricx_V1_SemanticQuery, into container: KeyedEncodingContainer<Keys>) throws {
        var container = container
        try container.encode(query.metrics, forKey: .metrics)
        var range = container.nestedContainer(keyedBy: Keys.self, forKey: .timeRange)
        try range.encode(query.timeRange.dates.start, forKey: .start)
        try range.encode(query.timeRange.dates.end, forKey: .end)
        if !query.granularity.isEmpty { try container.encode(query.granularity, forKey: .granularity) }
        var filters = container.nestedUnkeyedContainer(forKey: .filters)
        for filter in query.filters {
            var item = filters.nestedContainer(keyedBy: Keys.self)
            try item.encode(filter.dimension, forKey: .dimension)
            try item.encode(filter.op, forKey: .op)
            try item.encode(filter.values, forKey: .values)
        }
        if query.hasBreakdown {
            var breakdown = container.nestedContainer(keyedBy: Keys.self, forKey: .breakdown)
            try breakdown.encode(query.breakdown.dimension, forKey: .dimension)
            try breakdown.encode(query.breakdown.limit, forKey: .limit)
            try breakdown.encode(query.breakdown.orderBy, forKey: .orderBy)
            try breakdown.encode(query.breakdown.order, forKey: .order)
        }
        if query.hasComparison {
            var comparison = container.nestedContainer(keyedBy: Keys.self, forKey: .comparison)
            try comparison.encode(query.comparison.type, forKey: .type)
            try comparison.encode(query.comparison.custom.start, forKey: .start)
            try comparison.encode(query.comparison.custom.end, forKey: .end)
        }
        try container.encode(query.includeTimeseries, forKey: .includeTimeseries)
    }

    private static func encodeData(
        _ data: Metricx_V1_QueryData, query: Metricx_V1_SemanticQuery, into container: KeyedEncodingContainer<Keys>
    ) throws {
        var container = container
        try container.encode(values(data.totals), forKey: .totals)
        if query.hasComparison { try container.encode(values(data.comparisonTotals), forKey: .comparisonTotals) }
        if query.hasBreakdown {
            var rows = container.nestedUnkeyedContainer(forKey: .breakdown)
            for row in data.breakdown {
                var item = rows.nestedContainer(keyedBy: Keys.self)
                try item.encode(row.key, forKey: .key)
                try item.encode(row.label, forKey: .label)
                try item.encode(values(row.values), forKey: .values)
                if query.hasComparison { try item.encode(values(row.comparisonValues), forKey: .comparisonValues) }
                try item.encode(row.hasShare ? row.share : nil, forKey: .share)
            }
        }
        if !query.granularity.isEmpty {
            var points = container.nestedUnkeyedContainer(forKey: .timeseries)
            for point in data.timeseries {
                var item = points.nestedContainer(keyedBy: Keys.self)
                try item.encode(point.ts, forKey: .ts)
                try item.encode(values(point.values), forKey: .values)
            }
        }
    }

    /// `{"cpc": 1.23, "cpa": null}`.
    static func values(_ values: [Metricx_V1_MetricValue]) -> [String: Double?] {
        Dictionary(values.map { ($0.metric, $0.hasValue ? $0.value : nil) }, uniquingKeysWith: { first, _ in first })
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        try jsonResponse(.ok, self)
    }
}
