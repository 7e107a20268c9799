import MetricxRuntime

/// A metric the semantic layer can compute: a base measure, or a ratio of two sums (never an
/// average of per-row ratios).
struct MetricDefinition: Sendable, Equatable {
    enum Formula: Sendable, Equatable {
        case measure(Measure)
        case ratio(numerator: Measure, denominator: Measure, scale: Double)
    }

    enum Unit: String, Sendable {
        case currency, count, ratio, fraction
    }

    var name: String
    var formula: Formula
    var unit: Unit
    /// Whether a larger value is better (ROAS) or worse (CPA): ranking "best" depends on it.
    var higherIsBetter: Bool

    var isAdditive: Bool {
        if case .measure = formula { return true }
        return false
    }

    /// The measures the metric reads.
    var inputs: [Measure] {
        switch formula {
        case .measure(let measure): [measure]
        case .ratio(let numerator, let denominator, _): [numerator, denominator]
        }
    }

    /// The value over `sums`; nil when a ratio's denominator is 0 (JSON null, never inf or NaN).
    func evaluate(_ sums: MeasureSums) -> Double? {
        switch formula {
        case .measure(let measure):
            return sums[measure]
        case .ratio(let numerator, let denominator, let scale):
            let bottom = sums[denominator]
            guard bottom != 0, bottom.isFinite else { return nil }
            let value = sums[numerator] / bottom * scale
            return value.isFinite ? value : nil
        }
    }
}

/// DESIGN.md's catalog: the ten base measures and twelve derived ratios.
enum MetricCatalog {
    static let builtin: [String: MetricDefinition] = {
        var metrics: [String: MetricDefinition] = [:]
        let currencyMeasures: Set<Measure> = [.spend, .revenue, .profit]
        for measure in Measure.allCases {
            metrics[measure.rawValue] = MetricDefinition(
                name: measure.rawValue, formula: .measure(measure),
                unit: currencyMeasures.contains(measure) ? .currency : .count,
                higherIsBetter: measure != .spend)
        }
        func ratio(_ name: String, _ top: Measure, _ bottom: Measure, scale: Double = 1, unit: MetricDefinition.Unit, higherIsBetter: Bool) {
            metrics[name] = MetricDefinition(
                name: name, formula: .ratio(numerator: top, denominator: bottom, scale: scale), unit: unit,
                higherIsBetter: higherIsBetter)
        }
        ratio("cpc", .spend, .clicks, unit: .currency, higherIsBetter: false)
        ratio("cpm", .spend, .impressions, scale: 1000, unit: .currency, higherIsBetter: false)
        ratio("cpa", .spend, .conversions, unit: .currency, higherIsBetter: false)
        ratio("cpl", .spend, .leads, unit: .currency, higherIsBetter: false)
        ratio("cpi", .spend, .installs, unit: .currency, higherIsBetter: false)
        ratio("cpp", .spend, .purchases, unit: .currency, higherIsBetter: false)
        ratio("roas", .revenue, .spend, unit: .ratio, higherIsBetter: true)
        ratio("poas", .profit, .spend, unit: .ratio, higherIsBetter: true)
        ratio("arpv", .revenue, .visitors, unit: .currency, higherIsBetter: true)
        ratio("aov", .revenue, .purchases, unit: .currency, higherIsBetter: true)
        ratio("ctr", .clicks, .impressions, unit: .fraction, higherIsBetter: true)
        ratio("cvr", .conversions, .clicks, unit: .fraction, higherIsBetter: true)
        return metrics
    }()

    /// Looks up metrics by name; an unknown one is an invalid argument naming `metrics[i]`.
    static func resolve(_ names: [String]) throws -> [MetricDefinition] {
        guard !names.isEmpty else { throw ServiceError.invalidArgument("name at least one metric", field: "metrics") }
        guard names.count <= 20 else { throw ServiceError.invalidArgument("at most 20 metrics per query", field: "metrics") }
        var seen = Set<String>()
        return try names.enumerated().map { index, raw in
            let name = raw.lowercased()
            guard let metric = builtin[name] else {
                throw ServiceError.invalidArgument(
                    "unknown metric \"\(raw)\"; known: \(builtin.keys.sorted().joined(separator: ", "))",
                    field: "metrics[\(index)]")
            }
            guard seen.insert(name).inserted else {
                throw ServiceError.invalidArgument("metric \(name) is listed twice", field: "metrics[\(index)]")
            }
            return metric
        }
    }
}
