/// Per leaf: the value observed, the value expected without any root cause, and the weight of one
/// unit of error (1 / the leaf's noise scale), derived from the measure as ``RootCauseLocalizer``
/// describes.
struct Deviation {
    var observed: [Double]
    var expected: [Double]
    var weight: [Double]
    /// The leaf's noise variance: 1 / weight².
    var variance: [Double] { weight.map { 1 / ($0 * $0) } }

    init(_ measure: LeafTable.Measure) {
        switch measure {
        case .additive(let real, let predict):
            observed = real
            expected = predict
            weight = Self.noiseWeights(observed: real, expected: predict)
        case .ratio(let realA, let predictA, let realB, let predictB):
            let totalA = predictA.reduce(0, +)
            let totalB = predictB.reduce(0, +)
            let overall = totalB > 0 ? totalA / totalB : 0
            observed = realA
            expected = realB.indices.map { leaf in
                let ratio = predictB[leaf] > 0 ? predictA[leaf] / predictB[leaf] : overall
                return realB[leaf] * ratio
            }
            weight = Self.countWeights(observed: observed, expected: expected)
        }
    }

    /// 1 / the noise scale of a ratio's numerator given its denominator: `√(c·E)` for E expected,
    /// the spread that grows with E as counts do (conversions out of clicks, revenue made of
    /// orders). c is the lower median of the leaves' `error² / E`, scaled as for a normal noise
    /// (the median of a squared standard normal is 0.455), so up to half the leaves may be causes
    /// without inflating it. A rate's own wander, which grows with E² and is shared by a segment's
    /// leaves, is judged per element by ``ElementSignificance``, not here: a per-leaf E² part
    /// fitted by the same median would be zero by construction, and fitted on the larger leaves
    /// it discounted them until real causes there fell below the stopping rule.
    private static func countWeights(observed: [Double], expected: [Double]) -> [Double] {
        let leaves = observed.indices.filter { expected[$0] > 0 }
        guard !leaves.isEmpty else { return Array(repeating: 1, count: observed.count) }
        let perUnit = max(
            lowerMedian(leaves.map { (observed[$0] - expected[$0]) * (observed[$0] - expected[$0]) / expected[$0] })! / 0.455, 1e-12)
        let largest = expected.max() ?? 1
        return expected.map { value in
            1 / max((perUnit * max(value, 0)).squareRoot(), largest * 1e-9, Double.leastNormalMagnitude)
        }
    }

    /// 1 / the leaf's noise scale: forecast error proportional to the forecast (its robust relative
    /// spread over all leaves), floored by the typical absolute error so that tiny leaves do not
    /// dominate. Both scales come from the lower quartile of the errors, scaled as for a normal
    /// noise, so that up to three leaves in four may be anomalous without inflating them.
    private static func noiseWeights(observed: [Double], expected: [Double]) -> [Double] {
        var relative: [Double] = []
        var absolute: [Double] = []
        var largest = 0.0
        for leaf in observed.indices where expected[leaf] > 0 {
            let error = abs(observed[leaf] - expected[leaf])
            relative.append(error / expected[leaf])
            absolute.append(error)
            largest = max(largest, expected[leaf])
        }
        guard !relative.isEmpty else { return Array(repeating: 1, count: observed.count) }
        let spread = lowerQuartile(&relative) / 0.3186
        let floor = max(lowerQuartile(&absolute) / 0.3186, largest * 1e-9, Double.leastNormalMagnitude)
        return expected.map { 1 / max(spread * abs($0), floor) }
    }

    /// The 25th percentile of |error|; for errors ~ N(0, σ) it is 0.3186 σ.
    private static func lowerQuartile(_ values: inout [Double]) -> Double {
        values.sort()
        let position = Double(values.count - 1) * 0.25
        let below = Int(position)
        let above = min(below + 1, values.count - 1)
        return values[below] + (values[above] - values[below]) * (position - Double(below))
    }
}
