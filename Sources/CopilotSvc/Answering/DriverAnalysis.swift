import Foundation
import MetricxProtos
import MetricxSemantics

/// Why a metric moved between two periods: the change split over its inputs (revenue and spend
/// for ROAS) and over the campaigns and providers that moved it.
///
/// A segment's contribution is exact and additive: for a sum it is the segment's change; for a
/// ratio N/D it is (ΔN_i − r_prev·ΔD_i) / D_now, which over all segments adds up to the ratio's
/// change, mix effects included — so "Retargeting - Cart pulled ROAS down by 0.21" is a share of
/// the real change, never a guess.
struct DriverAnalysis: Sendable {
    struct Driver: Sendable, Equatable {
        var dimension: String
        var key: String
        var label: String
        var contribution: Double
        var current: Double?
        var previous: Double?
    }

    struct Explanation: Sendable {
        var metric: String
        var current: Double?
        var previous: Double?
        var inputs: [(metric: String, current: Double, previous: Double)]
        var drivers: [Driver]

        var change: Double? {
            guard let current, let previous else { return nil }
            return current - previous
        }
    }

    static let dimensions = ["campaign", "provider"]

    /// `shown` is the metric itself by campaign (what the answer displays); `inputs` are the
    /// base measures by each dimension, with the same time range, comparison and filters.
    static func explain(metric: String, shown: Metricx_V1_QueryResult, inputs: [String: Metricx_V1_QueryResult]) -> Explanation {
        let definition = MetricCatalog.builtin[metric]!
        var explanation = Explanation(
            metric: metric, current: shown.data.totals[metric], previous: shown.data.comparisonTotals[metric], inputs: [], drivers: [])
        if let any = inputs.values.first {
            explanation.inputs = definition.inputs.map { measure in
                (measure.rawValue, any.data.totals[measure.rawValue] ?? 0, any.data.comparisonTotals[measure.rawValue] ?? 0)
            }
        }
        for dimension in dimensions {
            guard let result = inputs[dimension] else { continue }
            let totalNow = MeasureSums(result.data.totals)
            let totalBefore = MeasureSums(result.data.comparisonTotals)
            for row in result.data.breakdown {
                let now = MeasureSums(row.values)
                let before = MeasureSums(row.comparisonValues)
                let contribution: Double
                switch definition.formula {
                case .measure(let measure):
                    contribution = now[measure] - before[measure]
                case .ratio(let numerator, let denominator, let scale):
                    guard totalNow[denominator] != 0, totalBefore[denominator] != 0 else { continue }
                    let previousRatio = totalBefore[numerator] / totalBefore[denominator]
                    contribution = ((now[numerator] - before[numerator]) - previousRatio * (now[denominator] - before[denominator])) * scale
                        / totalNow[denominator]
                case .expression:
                    // Only the built-in catalog reaches here; a workspace's metrics are explained by LineageSvc.
                    continue
                }
                guard contribution.isFinite, row.key != "other" else { continue }
                explanation.drivers.append(Driver(
                    dimension: dimension, key: row.key, label: row.label, contribution: contribution,
                    current: definition.evaluate(now), previous: definition.evaluate(before)))
            }
        }
        explanation.drivers.sort { abs($0.contribution) > abs($1.contribution) }
        return explanation
    }

    /// The queries `explain` needs, from the question's query.
    static func inputQueries(_ query: Metricx_V1_SemanticQuery) -> [String: Metricx_V1_SemanticQuery] {
        guard let definition = MetricCatalog.builtin[query.metrics[0]] else { return [:] }
        var queries: [String: Metricx_V1_SemanticQuery] = [:]
        for dimension in dimensions {
            var input = query
            input.metrics = definition.inputs.map(\.rawValue)
            input.breakdown = .with { $0.dimension = dimension; $0.limit = 1_000 }
            queries[dimension] = input
        }
        return queries
    }
}

extension MeasureSums {
    /// The base measures among `values`; others stay 0.
    init(_ values: [Metricx_V1_MetricValue]) {
        self.init()
        for value in values where value.hasValue {
            if let measure = Measure(rawValue: value.metric) { self[measure] = value.value }
        }
    }
}
