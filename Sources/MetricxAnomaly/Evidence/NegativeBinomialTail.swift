import Foundation

/// Exact negative-binomial tail probabilities: counts whose rate itself wanders (a gamma-mixed
/// Poisson with mean `mean` and variance `mean + wander · mean²`), through the regularized
/// incomplete beta function by its continued fraction as in Numerical Recipes.
enum NegativeBinomialTail {
    /// P(X <= k), k a whole number >= 0.
    static func atMost(_ k: Double, mean: Double, wander: Double) -> Double {
        guard k >= 0 else { return 0 }
        let size = 1 / wander
        return incompleteBeta(size / (size + mean), size, k + 1)
    }

    /// P(X >= k), k a whole number >= 0.
    static func atLeast(_ k: Double, mean: Double, wander: Double) -> Double {
        guard k > 0 else { return 1 }
        let size = 1 / wander
        return incompleteBeta(mean / (size + mean), k, size)
    }

    /// I_x(a, b), evaluated on the side where the continued fraction converges fast, so that
    /// a tiny tail is computed directly rather than as one minus nearly one.
    static func incompleteBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
        guard x > 0 else { return 0 }
        guard x < 1 else { return 1 }
        let logNormalizer: Double = lgamma(a + b) - lgamma(a) - lgamma(b)
        let logFront: Double = logNormalizer + a * log(x) + b * log(1 - x)
        if x < (a + 1) / (a + b + 2) {
            return Swift.max(0, Swift.min(1, exp(logFront) * continuedFraction(x, a, b) / a))
        }
        return Swift.max(0, Swift.min(1, 1 - exp(logFront) * continuedFraction(1 - x, b, a) / b))
    }

    private static func continuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for step in 1..<10_000 {
            let m = Double(step)
            let even: Double = m * (b - m) * x / ((a - 1 + 2 * m) * (a + 2 * m))
            d = 1 + even * d
            if abs(d) < tiny { d = tiny }
            c = 1 + even / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            let odd: Double = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 1 + 2 * m))
            d = 1 + odd * d
            if abs(d) < tiny { d = tiny }
            c = 1 + odd / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return h
    }
}
