/// A metric the semantic layer can compute: a base measure, or a ratio of two sums (never an
/// average of per-row ratios).
public struct MetricDefinition: Sendable, Equatable {
    public enum Formula: Sendable, Equatable {
        case measure(Measure)
        case ratio(numerator: Measure, denominator: Measure, scale: Double)
        /// A workspace's own metric: a formula over base measures (expanded through other metrics).
        case expression(FormulaExpression)
    }

    /// What the values are in; it decides how they are formatted.
    public enum Unit: String, Sendable, CaseIterable {
        case currency, count, ratio
        /// A share as a fraction of 1, shown as a percentage: 0.0213 is 2.13%.
        case fraction
        /// Already in percentage points: 2.13 is 2.13%.
        case percent
    }

    public var name: String
    public var formula: Formula
    public var unit: Unit
    /// Whether a larger value is better (ROAS) or worse (CPA): ranking "best" depends on it.
    public var higherIsBetter: Bool

    public var isAdditive: Bool {
        if case .measure = formula { return true }
        return false
    }

    /// The measures the metric reads.
    public var inputs: [Measure] {
        switch formula {
        case .measure(let measure): [measure]
        case .ratio(let numerator, let denominator, _): [numerator, denominator]
        case .expression(let expression): expression.references.compactMap(Measure.init(rawValue:))
        }
    }

    /// The formula as people write it: "spend / clicks", "spend / impressions * 1000".
    public var formulaText: String {
        switch formula {
        case .measure(let measure): measure.rawValue
        case .ratio(let numerator, let denominator, let scale):
            "\(numerator.rawValue) / \(denominator.rawValue)" + (scale == 1 ? "" : " * \(Int(scale))")
        case .expression(let expression): expression.description
        }
    }

    /// The value over `sums`; nil when a ratio's denominator is 0 (JSON null, never inf or NaN).
    public func evaluate(_ sums: MeasureSums) -> Double? {
        switch formula {
        case .measure(let measure):
            return sums[measure]
        case .ratio(let numerator, let denominator, let scale):
            let bottom = sums[denominator]
            guard bottom != 0, bottom.isFinite else { return nil }
            let value = sums[numerator] / bottom * scale
            return value.isFinite ? value : nil
        case .expression(let expression):
            return expression.evaluate(sums).flatMap { $0.isFinite ? $0 : nil }
        }
    }

    public init(name: String, formula: Formula, unit: Unit, higherIsBetter: Bool) {
        self.name = name
        self.formula = formula
        self.unit = unit
        self.higherIsBetter = higherIsBetter
    }
}
