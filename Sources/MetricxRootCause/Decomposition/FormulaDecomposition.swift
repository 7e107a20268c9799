import MetricxSemantics

/// How much of a derived metric's change each input explains.
///
/// The effects are Shapley values: each input's change is credited by its average marginal effect
/// over every order in which the inputs could have moved from their previous to their current
/// values. They always sum exactly to the total change (ROAS = revenue / spend: the revenue effect
/// plus the spend effect is the change in ROAS), whatever the formula, and symmetric inputs are
/// treated alike.
public enum FormulaDecomposition {
    public struct Effect: Sendable, Equatable {
        public var input: String
        public var effect: Double
        /// `effect / total change`; nil when the metric did not change.
        public var share: Double?
    }

    /// At most this many inputs (2^n evaluations).
    public static let maximumInputs = 12

    /// The effects of the formula's inputs, in the formula's order; nil when the metric is
    /// undefined before or after (a zero denominator) or an input is missing, or the formula reads
    /// more than ``maximumInputs`` inputs.
    public static func decompose(
        _ formula: FormulaExpression, previous: [String: Double], current: [String: Double]
    ) -> [Effect]? {
        let inputs = formula.references
        guard inputs.count <= maximumInputs,
            let before = formula.evaluate({ previous[$0] }), let after = formula.evaluate({ current[$0] })
        else { return nil }
        let n = inputs.count
        // value[mask]: the formula with the inputs in `mask` at their current values.
        var value = [Double?](repeating: nil, count: 1 << n)
        for mask in 0..<(1 << n) {
            value[mask] = formula.evaluate { name in
                guard let index = inputs.firstIndex(of: name) else { return nil }
                return mask & (1 << index) != 0 ? current[name] : previous[name]
            }
        }
        var factorial = [1.0]
        for k in 1...max(1, n) { factorial.append(factorial[k - 1] * Double(k)) }
        var effects: [Effect] = []
        for (index, input) in inputs.enumerated() {
            var effect = 0.0
            for mask in 0..<(1 << n) where mask & (1 << index) == 0 {
                // A mixed state may be undefined (a zero denominator) even when both ends are not;
                // such orders contribute nothing, and the remainder is spread below.
                guard let without = value[mask], let with = value[mask | (1 << index)] else { continue }
                let size = mask.nonzeroBitCount
                effect += factorial[size] * factorial[n - size - 1] / factorial[n] * (with - without)
            }
            effects.append(Effect(input: input, effect: effect, share: nil))
        }
        let total = after - before
        // Undefined mixed states aside, the effects already sum to the total; the correction keeps
        // the sum exact in every case.
        let residual = total - effects.reduce(0) { $0 + $1.effect }
        if residual != 0, let largest = effects.indices.max(by: { abs(effects[$0].effect) < abs(effects[$1].effect) }) {
            effects[largest].effect += residual
        }
        for index in effects.indices {
            effects[index].share = total == 0 ? nil : effects[index].effect / total
        }
        return effects
    }
}
