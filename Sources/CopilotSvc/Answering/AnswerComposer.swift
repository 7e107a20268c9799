import Foundation
import MetricxProtos
import MetricxSemantics

/// Short, specific answers from fetched numbers only, plus the chart spec the web UI draws:
/// `line` for a timeseries, `bar` for a breakdown, `grouped_bar` for periods side by side.
struct AnswerComposer: Sendable {
    let format: ValueFormat
    /// Today, so that a period ending today is said to run only to now; nil says nothing of it.
    var openDay: OpenDay? = nil

    func compose(_ understanding: Understanding, result: Metricx_V1_QueryResult) -> (text: [String], visual: String) {
        let data = result.data
        let metrics = result.query.metrics
        let period = openDay?.said(result.resolved.range) ?? ValueFormat.range(result.resolved.range.start, result.resolved.range.end)
        let comparisonPeriod =
            result.resolved.hasComparison
            ? ValueFormat.range(result.resolved.comparison.start, result.resolved.comparison.end) : nil
        let unequalSpans = openDay?.setsPartAgainstWhole(result.resolved) ?? false
        let scope = Self.scope(result.query.filters)
        var text: [String] = []

        // Nothing recorded for the scope in the period: said as such, never as a zero from elsewhere.
        if data.totals.allSatisfy({ !$0.hasValue || $0.value == 0 })
            && data.breakdown.allSatisfy({ row in row.values.allSatisfy { !$0.hasValue || $0.value == 0 } })
        {
            let names = metrics.map(Lexicon.displayName).joined(separator: ", ")
            return (["Nothing was recorded for \(names)\(scope) in \(period): there is no data for that scope and period."], "")
        }
        switch understanding.intent {
        case .rank:
            text.append(contentsOf: ranking(result, period: period, scope: scope))
        case .trend:
            text.append(contentsOf: trend(result, period: period, scope: scope))
        case .compare where result.query.hasBreakdown && !result.resolved.hasComparison:
            text.append(contentsOf: ranking(result, period: period, scope: scope, comparing: true))
        case .compare:
            text.append(
                contentsOf: periods(
                    result, period: period, comparisonPeriod: comparisonPeriod ?? "", scope: scope, unequalSpans: unequalSpans))
            if result.query.hasBreakdown { text.append(contentsOf: ranking(result, period: period, scope: "", comparing: true)) }
        default:
            text.append(values(data.totals, period: period, scope: scope))
        }
        return (text, visual(understanding, result))
    }

    // MARK: - Sentences

    private func values(_ totals: [Metricx_V1_MetricValue], period: String, scope: String) -> String {
        let parts = totals.map { "\(Lexicon.displayName($0.metric)) \(format($0.hasValue ? $0.value : nil, metric: $0.metric))" }
        if let only = totals.first, totals.count == 1 {
            let verb = Self.pluralMeasures.contains(only.metric) ? "were" : "was"
            return
                "Your \(Lexicon.displayName(only.metric))\(scope) \(verb) \(format(only.hasValue ? only.value : nil, metric: only.metric)) for \(period)."
        }
        return "For \(period)\(scope): " + Self.list(parts) + "."
    }

    private func periods(
        _ result: Metricx_V1_QueryResult, period: String, comparisonPeriod: String, scope: String, unequalSpans: Bool
    ) -> [String] {
        zip(result.data.totals, result.data.comparisonTotals).map { now, before in
            let name = Lexicon.displayName(now.metric)
            let current = format(now.hasValue ? now.value : nil, metric: now.metric)
            let previous = format(before.hasValue ? before.value : nil, metric: before.metric)
            var sentence = "\(ValueFormat.capitalized(name))\(scope) was \(current) for \(period) vs \(previous) for \(comparisonPeriod)"
            if unequalSpans, OpenDay.isSum(now.metric) {
                sentence += "; today is not over, so the two totals are not comparable yet."
            } else if now.hasValue, before.hasValue, before.value != 0 {
                let change = (now.value - before.value) / abs(before.value)
                sentence +=
                    abs(change) < 0.0005 ? ", flat." : ", \(change > 0 ? "up" : "down") \(ValueFormat.percentChange(change).dropFirst())."
            } else {
                sentence += "."
            }
            return sentence
        }
    }

    private func ranking(_ result: Metricx_V1_QueryResult, period: String, scope: String, comparing: Bool = false) -> [String] {
        let metric = result.query.breakdown.orderBy.isEmpty ? result.query.metrics[0] : result.query.breakdown.orderBy
        let rows = result.data.breakdown.filter { $0.key != "other" }
        guard !rows.isEmpty else { return ["Nothing had \(Lexicon.displayName(metric)) data\(scope) in \(period)."] }
        let dimension = result.query.breakdown.dimension == "adset" ? "ad set" : result.query.breakdown.dimension
        let label = { (row: Metricx_V1_BreakdownRow) in
            result.query.breakdown.dimension == "provider" ? Lexicon.providerName(row.label) : row.label
        }
        let value = { (row: Metricx_V1_BreakdownRow) in
            self.format(row.values[metric], metric: metric)
        }
        let shown = rows.prefix(5)
        let listing = shown.enumerated().map { index, row in "\(index + 1). \(label(row)) \(value(row))" }.joined(separator: ", ")
        let order = result.query.breakdown.order == "asc" ? "lowest" : "highest"
        var text: [String] = []
        if comparing {
            text.append("\(ValueFormat.capitalized(Lexicon.displayName(metric))) by \(dimension)\(scope), \(period): \(listing).")
            if rows.count >= 2 { text.append("\(label(rows[0])) has the \(order) \(Lexicon.displayName(metric)).") }
        } else {
            text.append("\(label(rows[0])) had the \(order) \(Lexicon.displayName(metric))\(scope) in \(period): \(value(rows[0])).")
            if rows.count > 1 { text.append("By \(Lexicon.displayName(metric)), \(order) first: \(listing).") }
        }
        return text
    }

    private func trend(_ result: Metricx_V1_QueryResult, period: String, scope: String) -> [String] {
        let grain = result.query.granularity.isEmpty ? "day" : result.query.granularity
        var text: [String] = []
        for metric in result.query.metrics {
            let points = result.data.timeseries.compactMap { point -> (ts: String, value: Double)? in
                guard let value = point.values[metric] else { return nil }
                return (point.ts, value)
            }
            let name = Lexicon.displayName(metric)
            var sentence =
                "\(ValueFormat.capitalized(name))\(scope) by \(grain), \(period): \(MetricCatalog.builtin[metric]?.isAdditive == true ? "total" : "overall") \(format(result.data.totals[metric], metric: metric))"
            if let high = points.max(by: { $0.value < $1.value }), let low = points.min(by: { $0.value < $1.value }), points.count > 1 {
                sentence +=
                    "; highest \(format(high.value, metric: metric)) (\(Self.when(high.ts))), lowest \(format(low.value, metric: metric)) (\(Self.when(low.ts)))"
                if let first = points.first, let last = points.last, first.value != 0 {
                    let change = (last.value - first.value) / abs(first.value)
                    sentence +=
                        "; \(change >= 0 ? "up" : "down") \(ValueFormat.percentChange(change).dropFirst()) from the first to the last \(grain)"
                }
            }
            text.append(sentence + ".")
        }
        return text
    }

    // MARK: - Chart

    private func visual(_ understanding: Understanding, _ result: Metricx_V1_QueryResult) -> String {
        var spec: [String: Any] = ["metrics": result.query.metrics]
        switch understanding.intent {
        case .trend:
            spec["type"] = "line"
            spec["x"] = "ts"
            spec["granularity"] = result.query.granularity
        case .rank:
            spec["type"] = "bar"
            spec["x"] = "label"
            spec["y"] = result.query.breakdown.orderBy.isEmpty ? result.query.metrics[0] : result.query.breakdown.orderBy
        case .compare:
            spec["type"] = result.resolved.hasComparison ? "grouped_bar" : "bar"
            spec["x"] = result.query.hasBreakdown ? "label" : "metric"
            if result.resolved.hasComparison { spec["series"] = ["current", "comparison"] }
        default:
            spec["type"] = "kpi"
        }
        guard let data = try? JSONSerialization.data(withJSONObject: spec, options: [.sortedKeys]) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }

    // MARK: - Helpers

    /// " on Meta", " for Summer Sale", " for Summer Sale on Google".
    static func scope(_ filters: [Metricx_V1_Filter]) -> String {
        var parts: [String] = []
        for filter in filters where filter.op != "not_in" {
            let names = filter.dimension == "provider" ? filter.values.map(Lexicon.providerName) : filter.values
            parts.append((filter.dimension == "provider" ? " on " : " for ") + list(names))
        }
        return parts.joined()
    }

    /// Measures named in the plural ("your clicks were").
    static let pluralMeasures: Set<String> = [
        "clicks", "impressions", "conversions", "leads", "installs", "purchases", "visitors", "earnings",
    ]

    static func list(_ items: [String], conjunction: String = "and") -> String {
        switch items.count {
        case 0: ""
        case 1: items[0]
        case 2: "\(items[0]) \(conjunction) \(items[1])"
        default: items.dropLast().joined(separator: ", ") + " \(conjunction) " + items.last!
        }
    }

    static func when(_ ts: String) -> String {
        if ts.count == 10 { return ValueFormat.range(ts, ts) }
        return ts.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: ":00Z", with: " UTC")
    }
}
