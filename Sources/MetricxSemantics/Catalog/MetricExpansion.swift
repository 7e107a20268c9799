import MetricxRuntime

extension FormulaExpression {
    /// The formula with each metric reference replaced by `replacement(name)` where that is not nil.
    public func substituting(_ replacement: (String) throws -> FormulaExpression?) rethrows -> FormulaExpression {
        switch self {
        case .number: self
        case .metric(let name): try replacement(name) ?? self
        case .negate(let inner): .negate(try inner.substituting(replacement))
        case .binary(let op, let left, let right): .binary(op, try left.substituting(replacement), try right.substituting(replacement))
        }
    }

    /// The value over `sums`, each reference read as a base measure (other names are missing).
    public func evaluate(_ sums: MeasureSums) -> Double? {
        evaluate { name in Measure(rawValue: name).map { sums[$0] } }
    }

    /// The numerator and denominator when the formula is a ratio (`a / b`, possibly scaled by a
    /// constant: `a / b * 1000`); nil otherwise. Root-cause analysis treats ratios specially.
    public var ratioParts: (numerator: FormulaExpression, denominator: FormulaExpression)? {
        switch self {
        case .binary(.divide, let top, .number(let constant)):
            return top.ratioParts.map { (.binary(.divide, $0.numerator, .number(constant)), $0.denominator) }
        case .binary(.divide, let top, let bottom):
            return (top, bottom)
        case .binary(.multiply, let inner, .number(let constant)), .binary(.multiply, .number(let constant), let inner):
            return inner.ratioParts.map { (.binary(.multiply, $0.numerator, .number(constant)), $0.denominator) }
        default:
            return nil
        }
    }
}

extension MetricDefinition {
    /// The metric as a formula over base measures.
    public var expression: FormulaExpression {
        switch formula {
        case .measure(let measure):
            return .metric(measure.rawValue)
        case .ratio(let numerator, let denominator, let scale):
            let ratio = FormulaExpression.binary(.divide, .metric(numerator.rawValue), .metric(denominator.rawValue))
            return scale == 1 ? ratio : .binary(.multiply, ratio, .number(scale))
        case .expression(let expression):
            return expression
        }
    }
}

/// Expands a metric into a formula over the ten base measures, through the catalog's ratios and a
/// workspace's own formulas. Totals are summed first and the formula applied after, so a custom
/// metric is, like the catalog's, a function of sums and never an average of per-row values.
public enum MetricExpansion {
    /// `custom` holds a workspace's formulas by name (already validated: no cycles).
    public static func expand(_ name: String, custom: [String: FormulaExpression]) throws -> FormulaExpression {
        try expand(name, custom: custom, depth: 0)
    }

    private static func expand(_ name: String, custom: [String: FormulaExpression], depth: Int) throws -> FormulaExpression {
        guard depth < 32 else { throw ServiceError.invalidArgument("metric \(name) nests too deeply", field: "metrics") }
        if let builtin = MetricCatalog.builtin[name] { return builtin.expression }
        guard let formula = custom[name] else { throw ServiceError.invalidArgument("unknown metric \"\(name)\"", field: "metrics") }
        return try formula.substituting { try expand($0, custom: custom, depth: depth + 1) }
    }
}
