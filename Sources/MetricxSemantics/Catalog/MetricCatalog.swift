import MetricxRuntime

/// DESIGN.md's catalog: the ten base measures and twelve derived ratios.
public enum MetricCatalog {
    public static let builtin: [String: MetricDefinition] = {
        var metrics: [String: MetricDefinition] = [:]
        let currencyMeasures: Set<Measure> = [.spend, .revenue, .profit]
        for measure in Measure.allCases {
            metrics[measure.rawValue] = MetricDefinition(
                name: measure.rawValue, formula: .measure(measure),
                unit: currencyMeasures.contains(measure) ? .currency : .count,
                higherIsBetter: measure != .spend)
        }
        func ratio(_ name: String, _ top: Measure, _ bottom: Measure, scale: Double = 1, unit: MetricDefinition.Unit, higherIsBetter: Bool)
        {
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

    /// The metrics computed from `name` (a base measure); none for a derived metric.
    public static func dependents(of name: String) -> [MetricDefinition] {
        guard let measure = Measure(rawValue: name) else { return [] }
        return builtin.values.filter { !$0.isAdditive && $0.inputs.contains(measure) }.sorted { $0.name < $1.name }
    }

    /// Looks up metrics by name among the catalog and a workspace's own (`custom`); an unknown one
    /// is an invalid argument naming `metrics[i]`. `sourceOnly` are a workspace's metrics defined
    /// by SQL, which exist but cannot be computed from the stored measures.
    public static func resolve(
        _ names: [String], custom: [String: MetricDefinition] = [:], sourceOnly: Set<String> = []
    ) throws -> [MetricDefinition] {
        guard !names.isEmpty else { throw ServiceError.invalidArgument("name at least one metric", field: "metrics") }
        guard names.count <= 20 else { throw ServiceError.invalidArgument("at most 20 metrics per query", field: "metrics") }
        var seen = Set<String>()
        return try names.enumerated().map { index, raw in
            let name = raw.lowercased()
            if sourceOnly.contains(name) {
                throw ServiceError.invalidArgument(
                    "metric \(name) is defined by SQL over source tables; the semantic layer computes only formulas over the stored measures",
                    field: "metrics[\(index)]")
            }
            guard let metric = builtin[name] ?? custom[name] else {
                let known = builtin.keys.sorted() + custom.keys.sorted()
                throw ServiceError.invalidArgument(
                    "unknown metric \"\(raw)\"; known: \(known.joined(separator: ", "))", field: "metrics[\(index)]")
            }
            guard seen.insert(name).inserted else {
                throw ServiceError.invalidArgument("metric \(name) is listed twice", field: "metrics[\(index)]")
            }
            return metric
        }
    }
}
