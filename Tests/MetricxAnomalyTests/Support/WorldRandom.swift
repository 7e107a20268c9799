import Foundation
import MetricxTestSupport

/// The test world's seeded randomness: uniform, normal, log-normal and Poisson draws from
/// SplitMix64, so every world is the same on every run and every machine.
struct WorldRandom {
    private var generator: SeededGenerator

    init(seed: UInt64) { generator = SeededGenerator(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ 0x1234_5678) }

    mutating func uniform() -> Double { generator.uniform() }

    mutating func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * uniform() }

    /// Uniform on a log scale: as likely to be 2–4 as 20–40.
    mutating func logUniform(_ low: Double, _ high: Double) -> Double { exp(uniform(log(low), log(high))) }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Swift.min(range.count - 1, Int(uniform() * Double(range.count)))
    }

    mutating func normal() -> Double {
        let u1 = Swift.max(uniform(), 1e-12)
        let u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }

    /// A log-normal factor with mean 1 and log-spread `sigma`.
    mutating func factor(_ sigma: Double) -> Double { exp(sigma * normal() - sigma * sigma / 2) }

    /// A Poisson count: by multiplication for small means, a rounded normal for large ones.
    mutating func poisson(_ mean: Double) -> Double {
        guard mean > 0 else { return 0 }
        if mean > 40 { return Swift.max(0, (mean + mean.squareRoot() * normal()).rounded()) }
        let limit = exp(-mean)
        var product = uniform()
        var count = 0.0
        while product > limit {
            product *= uniform()
            count += 1
        }
        return count
    }
}
