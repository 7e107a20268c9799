import Foundation

/// A scale on which counts of very different sizes are comparable: Anscombe's square-root
/// transform makes a Poisson count's spread about 1 whatever its mean, so "0 where 2 were
/// expected" (common by chance) and "0 where 40 were expected" (an outage) score as differently
/// as they should. Overdispersion `dispersion` (variance over mean, at least 1) widens it.
public enum CountScale {
    /// How many standard deviations `observed` events stand above (positive) or below
    /// (negative) `expected` events.
    public static func z(observed: Double, expected: Double, dispersion: Double = 1) -> Double {
        let phi = Swift.max(1, dispersion)
        let n = Swift.max(0, observed) / phi, e = Swift.max(0, expected) / phi
        return 2 * ((n + 0.375).squareRoot() - (e + 0.375).squareRoot())
    }

    /// The count that stands `z` standard deviations from `expected` (the inverse of ``z``).
    public static func count(atZ z: Double, expected: Double, dispersion: Double = 1) -> Double {
        let phi = Swift.max(1, dispersion)
        let root = (Swift.max(0, expected) / phi + 0.375).squareRoot() + z / 2
        return Swift.max(0, (root > 0 ? root * root : 0) - 0.375) * phi
    }
}
