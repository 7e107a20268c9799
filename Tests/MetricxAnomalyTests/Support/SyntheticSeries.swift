import Foundation
import MetricxAnomaly

/// Deterministic test series: a level, a season, noise from a seeded generator, and whatever
/// the test breaks on purpose.
struct SyntheticSeries {
    static let hour = 3_600.0
    static let day = 86_400.0
    /// Monday 2026-01-05 00:00 UTC, so weekdays line up with the calendar.
    static let start = 1_767_571_200.0

    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// Gaussian noise by Box–Muller over a 64-bit LCG.
    mutating func noise() -> Double {
        let u1 = Swift.max(uniform(), 1e-12)
        let u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }

    private mutating func uniform() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) / Double(1 << 53)
    }

    /// Hourly values with a daily cycle (peak mid-afternoon) and 2% noise.
    mutating func hourly(days: Int, level: Double = 100) -> [SeriesCheck.Point] {
        (0..<(days * 24)).map { i in
            let time = Self.start + Double(i) * Self.hour
            let cycle = 1 + 0.4 * sin(2 * .pi * (Double(i % 24) - 9) / 24)
            return SeriesCheck.Point(time: time, value: level * cycle * (1 + 0.02 * noise()))
        }
    }

    /// Daily values whose weekends run 40% below weekdays, with 3% noise.
    mutating func dailyWithWeekends(weeks: Int, level: Double = 1_000) -> [SeriesCheck.Point] {
        (0..<(weeks * 7)).map { i in
            let weekend = i % 7 >= 5
            let value = level * (weekend ? 0.6 : 1.0) * (1 + 0.03 * noise())
            return SeriesCheck.Point(time: Self.start + Double(i) * Self.day, value: value)
        }
    }
}

extension SeriesCheck.Result {
    /// Indices of the points flagged as anomalies.
    var flagged: [Int] { verdicts.indices.filter { verdicts[$0]?.anomaly == true } }
}
