import Foundation

/// Exact Poisson tail probabilities through the regularized incomplete gamma function
/// (P(X <= k) = Q(k + 1, mean)), by its series or continued fraction as in Numerical Recipes.
enum PoissonTail {
    /// P(X <= k) for X ~ Poisson(mean), k a whole number >= 0.
    static func atMost(_ k: Double, mean: Double) -> Double {
        guard k >= 0 else { return 0 }
        return upperGamma(k + 1, mean)
    }

    /// P(X >= k) for X ~ Poisson(mean), k a whole number >= 0.
    static func atLeast(_ k: Double, mean: Double) -> Double {
        guard k > 0 else { return 1 }
        return 1 - upperGamma(k, mean)
    }

    /// Q(a, x) = Γ(a, x) / Γ(a).
    static func upperGamma(_ a: Double, _ x: Double) -> Double {
        guard x > 0 else { return 1 }
        let logPrefix = -x + a * log(x) - lgamma(a)
        if x < a + 1 {
            // Series for P(a, x), then Q = 1 - P.
            var term = 1 / a
            var sum = term
            var denominator = a
            for _ in 0..<10_000 {
                denominator += 1
                term *= x / denominator
                sum += term
                if abs(term) < abs(sum) * 1e-15 { break }
            }
            return Swift.max(0, Swift.min(1, 1 - sum * exp(logPrefix)))
        }
        // Lentz's continued fraction for Q(a, x).
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        for i in 1..<10_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return Swift.max(0, Swift.min(1, exp(logPrefix) * h))
    }
}
