import MetricxProtos
import MetricxRootCause
import MetricxSemantics

extension Metricx_V1_RatioParts {
    /// The wire form of what a cause did to a ratio's parts, named after the formula's parts when
    /// there is one ("revenue", "spend").
    init(_ effect: RatioEffect, formula: FormulaExpression? = nil) {
        self.init()
        if let (numerator, denominator) = formula?.ratioParts {
            numeratorName = Self.name(numerator)
            denominatorName = Self.name(denominator)
        }
        numerator = effect.numerator.observed
        numeratorExpected = effect.numerator.expected
        denominator = effect.denominator.observed
        denominatorExpected = effect.denominator.expected
        if let share = effect.shareOfChange { shareOfChange = share }
    }

    /// A part as a reader names it: CTR's numerator is clicks, not `clicks * 100`.
    private static func name(_ part: FormulaExpression) -> String {
        switch part {
        case .binary(.multiply, let inner, .number), .binary(.multiply, .number, let inner), .binary(.divide, let inner, .number):
            return name(inner)
        default:
            return part.description
        }
    }
}
