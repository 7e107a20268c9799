import Foundation
import MetricxProtos
import MetricxSemantics
import SwiftProtobuf

/// The one tool the model may call: an intent and a SemanticQuery in protobuf JSON. Its output
/// is validated here as strictly as MetricsSvc would, so a bad answer falls back to the embedded
/// understanding instead of failing the question.
enum QueryTool {
    static let name = "semantic_query"
    static let dimensions = ["provider", "account", "campaign", "adset", "ad"]
    static let granularities = ["15min", "hour", "day", "week", "month"]

    /// The tool, its metrics limited to `vocabulary`'s.
    static func spec(_ vocabulary: MetricVocabulary) -> ToolSpec {
        func list(_ values: [String]) -> String {
            String(decoding: try! JSONSerialization.data(withJSONObject: values), as: UTF8.self)
        }
        let dates =
            #"{"type": "object", "properties": {"start": {"type": "string", "format": "date"}, "end": {"type": "string", "format": "date"}}, "required": ["start", "end"], "additionalProperties": false}"#
        let schema = """
            {"type": "object", "required": ["intent"], "properties": {
              "intent": {"enum": \(list(Understanding.Intent.allCases.map(\.rawValue)))},
              "lineage_direction": {"enum": ["upstream", "downstream", "both"]},
              "query": {"type": "object", "required": ["metrics", "time_range"], "properties": {
                "metrics": {"type": "array", "items": {"enum": \(list(vocabulary.names))}, "minItems": 1, "maxItems": 10},
                "time_range": {"type": "object", "properties": {"preset": {"enum": \(list(TimePreset.allCases.map(\.rawValue)))}, "dates": \(dates)}},
                "granularity": {"enum": \(list(granularities))},
                "filters": {"type": "array", "items": {"type": "object", "required": ["dimension", "op", "values"], "properties": {
                  "dimension": {"enum": \(list(dimensions))}, "op": {"enum": ["in", "not_in", "contains"]},
                  "values": {"type": "array", "items": {"type": "string"}, "minItems": 1}}}},
                "breakdown": {"type": "object", "properties": {"dimension": {"enum": \(list(dimensions))},
                  "limit": {"type": "integer", "minimum": 1, "maximum": 100}, "order_by": {"type": "string"}, "order": {"enum": ["asc", "desc"]}}},
                "comparison": {"type": "object", "properties": {"type": {"enum": ["previous_period", "year_over_year", "custom"]}, "custom": \(dates)}},
                "include_timeseries": {"type": "boolean"}}}}}
            """
        return ToolSpec(
            name: name,
            description: "Answer the marketer's question with one query of the semantic layer, or say which kind of question it is.",
            inputSchema: schema)
    }

    static func system(today: CalendarDay, vocabulary: MetricVocabulary, entityNames: [String], previousQuery: String?) -> String {
        var text = """
            You turn a marketer's question about their ad and store data into one call of the \(name) tool.
            Today is \(today) (the workspace's time zone). Metrics: \(MetricCatalog.builtin.keys.sorted().joined(separator: ", ")); \
            ratios are computed from sums. Time presets: \(TimePreset.allCases.map(\.rawValue).joined(separator: ", ")); \
            last_N_days ends yesterday; explicit ranges use "dates" with inclusive YYYY-MM-DD days. \
            No time stated means last_7_days. Intents: metric_value (one number per metric), compare (a comparison \
            between periods or between entities), rank (top or bottom N by a metric: a breakdown with limit and order; \
            a lower cpa/cpc/cpm is better), trend (a timeseries: granularity and include_timeseries), explain \
            (why a metric moved), anomalies, lineage (what a metric is made of / what uses it), unsupported \
            (anything that is not about this data). Filter on providers (meta, google, shopify, ...) and on the \
            workspace's own names.
            """
        if !vocabulary.custom.isEmpty {
            let own = vocabulary.custom.values.sorted { $0.name < $1.name }.prefix(100).map { metric in
                metric.name + (metric.formula.isEmpty ? "" : " = \(metric.formula)")
                    + (metric.description.isEmpty ? "" : " (\(metric.description))")
            }
            text += "\nThe workspace's own metrics: " + own.joined(separator: "; ")
        }
        if !entityNames.isEmpty {
            text += "\nSome of the workspace's campaign, ad set and ad names: " + entityNames.prefix(200).joined(separator: "; ")
        }
        if let previousQuery { text += "\nThe conversation's previous query (for follow-ups): " + previousQuery }
        return text
    }

    /// The tool input as an ``Understanding``; throws ``LanguageModelError/Code/invalidOutput``
    /// naming what is wrong.
    static func understanding(from input: String, vocabulary: MetricVocabulary = .builtin) throws -> Understanding {
        guard let object = try? JSONSerialization.jsonObject(with: Data(input.utf8)) as? [String: Any] else {
            throw invalid("the tool input is not a JSON object")
        }
        guard let intentName = object["intent"] as? String, let intent = Understanding.Intent(rawValue: intentName) else {
            throw invalid("intent is missing or unknown")
        }
        var understanding = Understanding(intent: intent, query: Metricx_V1_SemanticQuery())
        if let direction = object["lineage_direction"] as? String {
            understanding.lineageDirection = Understanding.LineageDirection(rawValue: direction) ?? .both
        }
        guard intent != .unsupported else { return .unsupported() }
        guard let queryObject = object["query"] else { throw invalid("query is missing") }
        let queryJSON = try JSONSerialization.data(withJSONObject: queryObject)
        do {
            understanding.query = try Metricx_V1_SemanticQuery(jsonUTF8Data: queryJSON)
        } catch {
            throw invalid("query does not fit the SemanticQuery schema")
        }
        try validate(understanding.query, intent: intent, vocabulary: vocabulary)
        if !understanding.query.hasTimeRange { understanding.query.timeRange = .with { $0.preset = "last_7_days" } }
        return understanding
    }

    static func validate(_ query: Metricx_V1_SemanticQuery, intent: Understanding.Intent, vocabulary: MetricVocabulary) throws {
        guard !query.metrics.isEmpty, query.metrics.count <= 10 else { throw invalid("metrics: 1 to 10 are needed") }
        for metric in query.metrics where vocabulary.unit(of: metric) == nil { throw invalid("metrics: unknown metric \(metric)") }
        if [.explain, .lineage].contains(intent), query.metrics.count != 1 {
            throw invalid("metrics: \(intent.rawValue) takes one metric")
        }
        switch query.timeRange.kind {
        case .preset(let preset)?:
            guard TimePreset(rawValue: preset) != nil else { throw invalid("time_range: unknown preset \(preset)") }
        case .dates(let dates)?:
            try validate(dates, field: "time_range.dates")
        case nil:
            break
        }
        if !query.granularity.isEmpty, !granularities.contains(query.granularity) { throw invalid("granularity: unknown") }
        for filter in query.filters {
            guard dimensions.contains(filter.dimension), ["in", "not_in", "contains"].contains(filter.op), !filter.values.isEmpty,
                filter.values.count <= 50
            else { throw invalid("filters: dimension, op or values out of bounds") }
        }
        if query.hasBreakdown {
            let breakdown = query.breakdown
            guard dimensions.contains(breakdown.dimension), (0...100).contains(breakdown.limit),
                ["", "asc", "desc"].contains(breakdown.order),
                breakdown.orderBy.isEmpty || query.metrics.contains(breakdown.orderBy)
            else { throw invalid("breakdown: dimension, limit, order or order_by out of bounds") }
        }
        if query.hasComparison {
            switch query.comparison.type {
            case "previous_period", "year_over_year": break
            case "custom": try validate(query.comparison.custom, field: "comparison.custom")
            default: throw invalid("comparison: unknown type \(query.comparison.type)")
            }
        }
    }

    private static func validate(_ dates: Metricx_V1_DateRange, field: String) throws {
        guard let start = CalendarDay(dates.start), let end = CalendarDay(dates.end), start <= end, start.days(to: end) <= 3_660 else {
            throw invalid("\(field): start and end must be YYYY-MM-DD days, start first, at most 10 years apart")
        }
    }

    private static func invalid(_ message: String) -> LanguageModelError { LanguageModelError(.invalidOutput, message) }
}
