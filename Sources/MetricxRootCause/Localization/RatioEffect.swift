/// What a root cause of a ratio KPI (ROAS = revenue / spend) did to the ratio and to its parts:
/// the numbers an answer needs to say "Spring Promo explains 71% of the ROAS drop: its revenue fell
/// 58% while its spend held".
public struct RatioEffect: Sendable, Equatable {
    /// The element's share of the change of the whole ratio, holding every other leaf at its
    /// forecast. Shares are exact and additive: over all leaves they sum to 1, so a cause's share
    /// can be negative (it moved the ratio against the total change) or exceed 1 (others offset it).
    /// nil when the whole ratio did not change.
    public var shareOfChange: Double?
    /// The element's numerator (revenue), observed and forecast.
    public var numerator: (observed: Double, expected: Double)
    /// The element's denominator (spend), observed and forecast.
    public var denominator: (observed: Double, expected: Double)

    public init(
        shareOfChange: Double?, numerator: (observed: Double, expected: Double),
        denominator: (observed: Double, expected: Double)
    ) {
        self.shareOfChange = shareOfChange
        self.numerator = numerator
        self.denominator = denominator
    }

    /// Relative change of the numerator (-0.58: fell 58%); nil without a forecast.
    public var numeratorChange: Double? { Self.change(numerator) }
    /// Relative change of the denominator; nil without a forecast.
    public var denominatorChange: Double? { Self.change(denominator) }
    /// The element's own ratio, observed and forecast; nil where its denominator is zero.
    public var ratio: (observed: Double?, expected: Double?) {
        (
            denominator.observed > 0 ? numerator.observed / denominator.observed : nil,
            denominator.expected > 0 ? numerator.expected / denominator.expected : nil
        )
    }

    private static func change(_ part: (observed: Double, expected: Double)) -> Double? {
        part.expected > 0 ? part.observed / part.expected - 1 : nil
    }

    public static func == (lhs: RatioEffect, rhs: RatioEffect) -> Bool {
        lhs.shareOfChange == rhs.shareOfChange && lhs.numerator == rhs.numerator && lhs.denominator == rhs.denominator
    }

    /// The effect of the leaves in `member` on the ratio `Σa / Σb`.
    ///
    /// The change of the whole ratio splits exactly over the leaves: with R̂ the forecast ratio and
    /// B the observed denominator, `R - R̂ = Σ [(a - â) - R̂ (b - b̂)] / B` (because Σâ = R̂ Σb̂), so
    /// a leaf's part is its numerator's change less what its denominator's change would have
    /// brought at the forecast ratio. An element's share is the sum over its leaves.
    static func of(
        realA: [Double], predictA: [Double], realB: [Double], predictB: [Double], member: (Int) -> Bool
    ) -> RatioEffect {
        var totals = (a: 0.0, predictA: 0.0, b: 0.0, predictB: 0.0)
        var inside = (a: 0.0, predictA: 0.0, b: 0.0, predictB: 0.0)
        for leaf in realA.indices {
            totals.a += realA[leaf]
            totals.predictA += predictA[leaf]
            totals.b += realB[leaf]
            totals.predictB += predictB[leaf]
            guard member(leaf) else { continue }
            inside.a += realA[leaf]
            inside.predictA += predictA[leaf]
            inside.b += realB[leaf]
            inside.predictB += predictB[leaf]
        }
        var share: Double?
        if totals.b > 0, totals.predictB > 0 {
            let forecast = totals.predictA / totals.predictB
            let change = totals.a / totals.b - forecast
            let part = ((inside.a - inside.predictA) - forecast * (inside.b - inside.predictB)) / totals.b
            if change != 0, change.isFinite { share = part / change }
        }
        return RatioEffect(
            shareOfChange: share, numerator: (inside.a, inside.predictA), denominator: (inside.b, inside.predictB))
    }
}
