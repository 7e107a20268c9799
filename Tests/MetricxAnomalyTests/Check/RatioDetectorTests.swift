import Foundation
import MetricxAnomaly
import Testing

@Suite("Ratios judged on their evidence")
struct RatioDetectorTests {
    /// Four weeks of hourly clicks with a conversion rate of 3%, sampled deterministically.
    static func hours(days: Int = 28, clicksPerHour: Double = 400, rate: Double = 0.03, outageFrom: Int? = nil) -> [AdBucket] {
        var random = WorldRandom(seed: 11)
        return (0..<(days * 24)).map { h in
            let phase: Double = sin(Double.pi * Double(h % 24) / 24)
            let daily: Double = 0.2 + 0.8 * phase * phase
            let clicks = random.poisson(clicksPerHour * daily)
            var conversions = random.poisson(clicks * rate)
            if let outageFrom, h >= outageFrom { conversions = 0 }
            return AdBucket(
                spend: clicks * 0.8, impressions: clicks * 50, clicks: clicks, conversions: conversions, revenue: conversions * 60)
        }
    }

    @Test("a tracking outage (no conversions while clicks go on) is flagged within hours, once, with its evidence")
    func trackingOutage() throws {
        let outage = 24 * 24 + 12
        var detector = AdMetricDetector(metric: .conversions)
        let verdicts = Self.hours(outageFrom: outage).map { detector.judge($0) }
        let flagged = verdicts.indices.filter { verdicts[$0].point.anomaly }
        #expect(flagged.count == 1)
        let first = try #require(flagged.first)
        #expect(first >= outage && first <= outage + 3)
        let text = try #require(verdicts[first].text)
        #expect(text.contains(" conversions where ") && text.contains(" clicks"), "\(text)")
    }

    @Test("a quiet campaign's hour with one purchase, or none, is not an anomaly")
    func sparseConversions() {
        var detector = AdMetricDetector(metric: .roas, orderValue: 60)
        let flagged = Self.hours(clicksPerHour: 12).enumerated().filter {
            detector.judge($0.element).point.anomaly
        }
        #expect(flagged.isEmpty)
    }

    @Test("a busy campaign whose daily conversion rate wanders by 10% stays quiet for eight weeks; a day at half its rate alerts")
    func dayLevelWander() throws {
        var random = WorldRandom(seed: 7)
        let halved = 50
        var detector = RatioDetector()
        var flagged: [Int] = []
        var dayRate = 0.03
        for h in 0..<(56 * 24) {
            if h % 24 == 0 { dayRate = 0.03 * exp(0.1 * random.normal()) * (h / 24 == halved ? 0.5 : 1) }
            let phase: Double = sin(Double.pi * Double(h % 24) / 24)
            let clicks = random.poisson(2_000 * (0.2 + 0.8 * phase * phase))
            if detector.judge(numerator: random.poisson(clicks * dayRate), denominator: clicks).verdict.anomaly { flagged.append(h) }
        }
        #expect(flagged.count == 1, "flagged at hours \(flagged)")
        let first = try #require(flagged.first)
        #expect(first / 24 == halved, "flagged at hour \(first)")
        // The day-long window knows the wander: about 1 + 0.01 × its ~860 expected conversions
        // (learnt from the overlapping day-long windows instead, it was 4.2).
        #expect((7...13).contains(detector.dispersions[4]), "\(detector.dispersions)")
        // Scored on the scale of its days, it is held to the floor, not to a tail fitted to them.
        #expect(detector.thresholds[4] == RatioDetector.Config.defaults.zFloor, "\(detector.thresholds)")
    }

    @Test("the count scale follows the Poisson tail: none where 2 were due is common, none where 40 were is not")
    func countScale() {
        #expect(abs(CountScale.z(observed: 0, expected: 2) + 1.1) < 0.05)
        #expect(CountScale.z(observed: 0, expected: 40) < -8)
        #expect(CountScale.z(observed: 100, expected: 100) > -0.5)
    }

    @Test("a wandering rate widens large counts as a negative binomial: a 30% dip is ordinary, none at all is not")
    func wanderingRate() {
        // Mean 50 with a relative rate variance of 0.12 (reference values from scipy.stats.nbinom).
        #expect(abs(CountScale.z(observed: 0, expected: 50, wander: 0.12) + 5.22) < 0.05)
        #expect(abs(CountScale.z(observed: 35, expected: 50, wander: 0.12) + 0.74) < 0.05)
        #expect(abs(CountScale.z(observed: 6_000, expected: 5_000, wander: 0.01) - 1.89) < 0.05)
        // A Poisson stretched to the same variance calls the empty count ordinary.
        #expect(CountScale.z(observed: 0, expected: 50, dispersion: 7) > -3.3)
    }
}
