import Foundation

/// A scale on which counts of very different sizes are comparable: how surprising `observed`
/// events are where `expected` were due, as the standard normal deviate of the exact Poisson
/// tail: "0 where 2 were expected" (P = 0.135) scores -1.1 sd, "0 where 40 were expected" -9 sd.
/// A Gaussian shortcut (a z on the raw or square-rooted count) overstates how rare small counts
/// are, which is how a quiet campaign ends up alerting every week. Overdispersion `dispersion`
/// (variance over mean, at least 1) is applied by counting in units of that many events.
public enum CountScale {
    /// How many standard deviations `observed` events stand above (positive) or below
    /// (negative) `expected` events: the normal deviate of the one-sided Poisson tail.
    public static func z(observed: Double, expected: Double, dispersion: Double = 1) -> Double {
        let phi = Swift.max(1, dispersion)
        let n = Swift.max(0, observed) / phi
        let lambda = Swift.max(0, expected) / phi
        guard lambda > 0 else { return n > 0 ? 8 : 0 }
        if n < lambda {
            // P(X <= n): a fractional count (money in events) is credited with its whole part.
            let p = PoissonTail.atMost(n.rounded(.down), mean: lambda)
            return -NormalQuantile.deviate(upperTail: p)
        }
        let p = PoissonTail.atLeast(n.rounded(.up), mean: lambda)
        return NormalQuantile.deviate(upperTail: p)
    }

    /// The count whose deviation from `expected` is about `z` (a band edge), from the normal
    /// approximation on the square-root scale: accurate enough to draw a band with.
    public static func count(atZ z: Double, expected: Double, dispersion: Double = 1) -> Double {
        let phi = Swift.max(1, dispersion)
        let root = (Swift.max(0, expected) / phi + 0.375).squareRoot() + z / 2
        return Swift.max(0, (root > 0 ? root * root : 0) - 0.375) * phi
    }
}
