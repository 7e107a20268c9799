import Foundation

/// A scale on which counts of very different sizes are comparable: how surprising `observed`
/// events are where `expected` were due, as the standard normal deviate of the exact Poisson
/// tail: "0 where 2 were expected" (P = 0.135) scores -1.1 sd, "0 where 40 were expected" -9 sd.
/// A Gaussian shortcut (a z on the raw or square-rooted count) overstates how rare small counts
/// are, which is how a quiet campaign ends up alerting every week. A per-event `dispersion`
/// (the variance one event adds, in events) is applied by counting in units of that many
/// events; under 1 (money whose per-event spread is small), down to 1/100, it makes each event
/// count more.
public enum CountScale {
    /// How many standard deviations `observed` events stand above (positive) or below
    /// (negative) `expected` events: the normal deviate of the one-sided tail, Poisson when
    /// the rate is fixed, negative binomial when it wanders with relative variance `wander`.
    /// The wander matters for large counts: a day of 5,000 impressions is as noisy as its CTR,
    /// not as its square root, yet none where fifty were due is far outside any wander (a
    /// count that shrank by its wander's hundredth standard deviation), which a Poisson merely
    /// stretched to the same variance would call ordinary.
    public static func z(observed: Double, expected: Double, dispersion: Double = 1, wander: Double = 0) -> Double {
        let phi = Swift.max(0.01, dispersion)
        let n = Swift.max(0, observed) / phi
        let lambda = Swift.max(0, expected) / phi
        guard lambda > 0 else { return n > 0 ? 8 : 0 }
        // Under a hundredth of the Poisson variance, the wander is not worth its cost.
        let mixed = wander.isFinite && wander * lambda > 0.01
        if n < lambda {
            // P(X <= n): a fractional count (money in events) is credited with its whole part.
            let k = n.rounded(.down)
            let p = mixed ? NegativeBinomialTail.atMost(k, mean: lambda, wander: wander) : PoissonTail.atMost(k, mean: lambda)
            return -NormalQuantile.deviate(upperTail: p)
        }
        let k = n.rounded(.up)
        let p = mixed ? NegativeBinomialTail.atLeast(k, mean: lambda, wander: wander) : PoissonTail.atLeast(k, mean: lambda)
        return NormalQuantile.deviate(upperTail: p)
    }

    /// The count whose deviation from `expected` is about `z` (a band edge), from the normal
    /// approximation on the square-root scale: accurate enough to draw a band with.
    public static func count(atZ z: Double, expected: Double, dispersion: Double = 1, wander: Double = 0) -> Double {
        let phi = Swift.max(0.01, dispersion) + Swift.max(0, wander) * Swift.max(0, expected)
        let root = (Swift.max(0, expected) / phi + 0.375).squareRoot() + z / 2
        return Swift.max(0, (root > 0 ? root * root : 0) - 0.375) * phi
    }
}
