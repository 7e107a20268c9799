import MetricxProtos

/// DESIGN.md's SemanticQuery JSON, decoded strictly, plus `as_of`.
struct SemanticQueryBody: Codable, Sendable {
    struct TimeRange: Codable, Sendable {
        var preset: String?
        var start: String?
        var end: String?
    }

    struct Filter: Codable, Sendable {
        var dimension: String
        var op: String?
        var values: [String]
    }

    struct Breakdown: Codable, Sendable {
        var dimension: String
        var limit: Int?
        var orderBy: String?
        var order: String?

        enum CodingKeys: String, CodingKey {
            case dimension, limit, order
            case orderBy = "order_by"
        }
    }

    struct Comparison: Codable, Sendable {
        var type: String
        var start: String?
        var end: String?
    }

    var metrics: [String]
    var timeRange: TimeRange?
    var granularity: String?
    var filters: [Filter]?
    var breakdown: Breakdown?
    var comparison: Comparison?
    var includeTimeseries: Bool?
    var asOf: String?

    enum CodingKeys: String, CodingKey {
        case metrics, granularity, filters, breakdown, comparison
        case timeRange = "time_range"
        case includeTimeseries = "include_timeseries"
        case asOf = "as_of"
    }

    /// The proto the semantic layer takes; shape errors that JSON decoding cannot see name the field.
    func proto() throws -> Metricx_V1_SemanticQuery {
        var query = Metricx_V1_SemanticQuery()
        query.metrics = metrics
        if let timeRange {
            switch (timeRange.preset, timeRange.start, timeRange.end) {
            case (let preset?, nil, nil):
                query.timeRange = .with { $0.preset = preset }
            case (nil, let start?, let end?):
                query.timeRange = .with {
                    $0.dates = .with {
                        $0.start = start
                        $0.end = end
                    }
                }
            default:
                throw APIError.invalid("give either a preset or both start and end", field: "time_range")
            }
        }
        query.granularity = granularity ?? ""
        query.filters = (filters ?? []).map { filter in
            .with {
                $0.dimension = filter.dimension
                $0.op = filter.op ?? "in"
                $0.values = filter.values
            }
        }
        if let breakdown {
            if let limit = breakdown.limit, !(1...1000).contains(limit) {
                throw APIError.invalid("must be from 1 to 1000", field: "breakdown.limit")
            }
            query.breakdown = .with {
                $0.dimension = breakdown.dimension
                $0.limit = Int32(breakdown.limit ?? 0)
                $0.orderBy = breakdown.orderBy ?? ""
                $0.order = breakdown.order ?? ""
            }
        }
        if let comparison {
            query.comparison = .with {
                $0.type = comparison.type
                if comparison.start != nil || comparison.end != nil {
                    $0.custom = .with {
                        $0.start = comparison.start ?? ""
                        $0.end = comparison.end ?? ""
                    }
                }
            }
        }
        query.includeTimeseries = includeTimeseries ?? false
        return query
    }
}
