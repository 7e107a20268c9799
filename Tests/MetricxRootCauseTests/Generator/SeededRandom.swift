import Foundation
import MetricxTestSupport

/// A deterministic random source (SplitMix64) with the few distributions the case generator
/// draws from, so that generated cases are the same on every machine and run.
struct SeededRandom {
    private var generator: SeededGenerator

    init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

    mutating func next() -> UInt64 { generator.next() }

    /// Uniform in [0, 1).
    mutating func uniform() -> Double { generator.uniform() }

    mutating func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * uniform() }

    /// Uniform in `range`.
    mutating func integer(_ range: Range<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }

    mutating func normal(_ mean: Double = 0, _ deviation: Double = 1) -> Double {
        let u = max(uniform(), 1e-300)
        return mean + deviation * (-2 * log(u)).squareRoot() * cos(2 * .pi * uniform())
    }

    /// Poisson counts: exact for small means, the normal approximation beyond.
    mutating func poisson(_ mean: Double) -> Double {
        guard mean > 0 else { return 0 }
        if mean > 30 { return max(0, (normal(mean, mean.squareRoot())).rounded()) }
        let limit = exp(-mean)
        var count = 0.0
        var product = uniform()
        while product > limit {
            count += 1
            product *= uniform()
        }
        return count
    }

    /// Successes out of `trials`: exact for few trials, the normal approximation beyond.
    mutating func binomial(_ trials: Double, _ probability: Double) -> Double {
        let p = min(max(probability, 0), 1)
        guard trials >= 1 else { return 0 }
        if trials > 60 {
            let mean = trials * p
            return min(trials, max(0, normal(mean, (mean * (1 - p)).squareRoot()).rounded()))
        }
        var successes = 0.0
        for _ in 0..<Int(trials) where uniform() < p { successes += 1 }
        return successes
    }

    /// Gamma(shape, scale) by Marsaglia and Tsang.
    mutating func gamma(shape: Double, scale: Double) -> Double {
        guard shape > 0, scale > 0 else { return 0 }
        if shape < 1 { return gamma(shape: shape + 1, scale: scale) * pow(max(uniform(), 1e-300), 1 / shape) }
        let d = shape - 1.0 / 3
        let c = 1 / (9 * d).squareRoot()
        while true {
            let x = normal()
            let v = pow(1 + c * x, 3)
            guard v > 0 else { continue }
            let u = uniform()
            if log(max(u, 1e-300)) < 0.5 * x * x + d - d * v + d * log(v) { return d * v * scale }
        }
    }
}
