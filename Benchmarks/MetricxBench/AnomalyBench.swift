import Foundation
import MetricxAnomaly

/// `MetricxBench anomaly`: the cost of judging one new point of a series that already has a
/// year of hourly history (the detector keeps bounded state, so this is per-point work plus the
/// forest's periodic retraining, amortised), and of replaying that year from scratch.
enum AnomalyBench {
    static func run() -> [String] {
        var state: UInt64 = 7
        func noise() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53) - 0.5
        }
        let start = 1_700_000_000.0
        let year = 365 * 24
        let extra = 2_000
        let values = (0..<(year + extra)).map { i in
            100 * (1 + 0.4 * sin(2 * .pi * Double(i % 24) / 24)) * (1 + 0.05 * noise())
        }
        var detector = SeriesDetector(clock: .timed(spacing: 3_600))
        let clock = ContinuousClock()
        let warm = clock.measure {
            for i in 0..<year { _ = detector.judge(values[i], at: start + Double(i) * 3_600, index: i) }
        }
        var samples: [Duration] = []
        samples.reserveCapacity(extra)
        for i in year..<(year + extra) {
            let value = values[i]
            let time = start + Double(i) * 3_600
            samples.append(clock.measure { _ = detector.judge(value, at: time, index: i) })
        }
        samples.sort()
        func micros(_ d: Duration) -> String {
            String(format: "%.1f µs", Double(d.components.attoseconds) / 1e12 + Double(d.components.seconds) * 1e6)
        }
        let mean = samples.reduce(Duration.zero, +) / samples.count
        return [
            "anomaly detector, hourly series with 1 year of history:",
            "  one new point: p50 \(micros(samples[samples.count / 2]))  p99 \(micros(samples[samples.count * 99 / 100]))  mean \(micros(mean)) (retraining amortised)",
            "  replaying the year (\(year) points): \(warm)",
            monitorReplay(noise),
        ]
    }

    /// What the monitor pays per series after a sync: four weeks of hourly buckets replayed
    /// through every metric's ``AdMetricDetector`` (a campaign of ~1,000 clicks a day).
    static func monitorReplay(_ noise: () -> Double) -> String {
        let hours = 28 * 24
        let buckets = (0..<hours).map { h in
            let daily = 0.3 + 0.7 * pow(sin(.pi * Double(h % 24) / 24), 2)
            let clicks = (60 * daily * (1 + 0.2 * noise())).rounded()
            let conversions = (clicks * 0.03 * (1 + noise())).rounded()
            return AdBucket(
                spend: clicks * 0.8, impressions: clicks * 40, clicks: clicks, conversions: conversions,
                revenue: conversions * 60, purchases: conversions)
        }
        let elapsed = ContinuousClock().measure {
            for metric in AdMetric.allCases {
                var detector = AdMetricDetector(metric: metric, orderValue: 60)
                for bucket in buckets { _ = detector.judge(bucket) }
            }
        }
        return "  the monitor's replay of one scope (\(AdMetric.allCases.count) metrics × \(hours) hourly buckets): \(elapsed)"
    }
}
