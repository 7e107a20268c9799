import Foundation
import Hummingbird
import MetricxProtos

/// `POST /rca/explain`: a metric, a range and what to compare it with (previous period unless told).
struct ExplainBody: Codable, Sendable {
    var metric: String
    var timeRange: SemanticQueryBody.TimeRange?
    var comparison: SemanticQueryBody.Comparison?
    var filters: [SemanticQueryBody.Filter]?
    var asOf: String?

    enum CodingKeys: String, CodingKey {
        case metric, comparison, filters
        case timeRange = "time_range"
        case asOf = "as_of"
    }

    func proto(settings: Metricx_V1_WorkspaceSettings) throws -> Metricx_V1_ExplainRequest {
        // The semantic query's shape checks, once.
        let query = try SemanticQueryBody(
            metrics: [metric], timeRange: timeRange, granularity: nil, filters: filters, breakdown: nil, comparison: comparison,
            includeTimeseries: nil, asOf: asOf
        ).proto()
        return .with {
            $0.settings = settings
            $0.metric = metric
            if query.hasTimeRange { $0.timeRange = query.timeRange }
            if query.hasComparison { $0.comparison = query.comparison }
            $0.filters = query.filters
            $0.asOf = asOf ?? ""
        }
    }
}

struct ExplainResultBody: Encodable, Sendable, ResponseEncodable {
    struct Range: Encodable, Sendable {
        var start: String
        var end: String
    }

    struct Contribution: Encodable, Sendable {
        var input: String
        var effect: Double
        var share: Double?
    }

    /// What a cause did to a ratio metric's parts, over the range and the comparison.
    struct RatioParts: Encodable, Sendable {
        var numeratorName: String
        var numerator: Double
        var numeratorPrevious: Double
        var denominatorName: String
        var denominator: Double
        var denominatorPrevious: Double
        var shareOfChange: Double?

        init(_ parts: Metricx_V1_RatioParts) {
            numeratorName = parts.numeratorName
            numerator = parts.numerator
            numeratorPrevious = parts.numeratorExpected
            denominatorName = parts.denominatorName
            denominator = parts.denominator
            denominatorPrevious = parts.denominatorExpected
            shareOfChange = parts.hasShareOfChange ? parts.shareOfChange : nil
        }

        enum CodingKeys: String, CodingKey {
            case numerator, denominator
            case numeratorName = "numerator_name"
            case numeratorPrevious = "numerator_previous"
            case denominatorName = "denominator_name"
            case denominatorPrevious = "denominator_previous"
            case shareOfChange = "share_of_change"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(numeratorName, forKey: .numeratorName)
            try container.encode(numerator, forKey: .numerator)
            try container.encode(numeratorPrevious, forKey: .numeratorPrevious)
            try container.encode(denominatorName, forKey: .denominatorName)
            try container.encode(denominator, forKey: .denominator)
            try container.encode(denominatorPrevious, forKey: .denominatorPrevious)
            try container.encode(shareOfChange, forKey: .shareOfChange)
        }
    }

    struct Cause: Encodable, Sendable {
        var elements: [String: String]
        /// Attributes outside `elements` that all its leaves share: the campaign of an ad.
        var context: [String: String]
        var score: Double
        var label: String
        /// The metric within the cause, over the range and the comparison.
        var value: Double?
        var previous: Double?
        var ratio: RatioParts?

        init(_ cause: Metricx_V1_RootCause) {
            elements = cause.elements
            context = cause.context
            score = cause.score
            label = cause.label
            value = cause.hasValue ? cause.value : nil
            previous = cause.hasPrevious ? cause.previous : nil
            ratio = cause.hasRatio ? RatioParts(cause.ratio) : nil
        }

        enum CodingKeys: String, CodingKey { case elements, context, score, label, value, previous, ratio }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(elements, forKey: .elements)
            try container.encode(context, forKey: .context)
            try container.encode(score, forKey: .score)
            try container.encode(label, forKey: .label)
            try container.encode(value, forKey: .value)
            try container.encode(previous, forKey: .previous)
            try container.encode(ratio, forKey: .ratio)
        }
    }

    var metric: String
    var range: Range
    var comparisonRange: Range
    var value: Double?
    var previous: Double?
    var change: Double?
    var decomposition: [Contribution]
    var rootCauses: [Cause]
    var changeEvents: [ChangeEventBody]
    var anomalyIDs: [String]

    enum CodingKeys: String, CodingKey {
        case metric, range, value, previous, change, decomposition
        case comparisonRange = "comparison_range"
        case rootCauses = "root_causes"
        case changeEvents = "change_events"
        case anomalyIDs = "anomaly_ids"
    }

    init(metric: String, _ response: Metricx_V1_ExplainResponse) {
        self.metric = metric
        range = Range(start: response.resolved.range.start, end: response.resolved.range.end)
        comparisonRange = Range(start: response.resolved.comparison.start, end: response.resolved.comparison.end)
        let value = response.hasValue ? response.value : nil
        let previous = response.hasPrevious ? response.previous : nil
        self.value = value
        self.previous = previous
        change = value.flatMap { now in previous.map { now - $0 } }
        decomposition = response.decomposition.map { Contribution(input: $0.input, effect: $0.effect, share: $0.hasShare ? $0.share : nil) }
        rootCauses = response.rootCauses.map(Cause.init)
        changeEvents = response.changeEvents.map(ChangeEventBody.init)
        anomalyIDs = response.anomalyIds
    }

    // Nil values are JSON null, not missing keys: clients read a fixed shape.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(metric, forKey: .metric)
        try container.encode(range, forKey: .range)
        try container.encode(comparisonRange, forKey: .comparisonRange)
        try container.encode(value, forKey: .value)
        try container.encode(previous, forKey: .previous)
        try container.encode(change, forKey: .change)
        try container.encode(decomposition, forKey: .decomposition)
        try container.encode(rootCauses, forKey: .rootCauses)
        try container.encode(changeEvents, forKey: .changeEvents)
        try container.encode(anomalyIDs, forKey: .anomalyIDs)
    }
}
